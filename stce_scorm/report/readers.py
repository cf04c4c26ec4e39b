"""Readers of LMS interaction exports, one per format; each turns a file into attempts of responses.

A reader is small and pluggable: `READERS` maps a format name to a function `(path) -> list[Attempt]`;
`read_export` picks the one named, or the first whose `sniff` recognises the file's header.

Moodle (and Totara): SCORM activity > Reports > Interactions report, with "Question", "Response",
"Right answer" and "Result" ticked, downloaded as "CSV" (Moodle writes it tab-separated, as .txt).
Columns (mod/scorm/report/interactions): Name, the site's identity fields (e.g. Email address), Attempt,
Started on, Last accessed on, Score, one column per SCO (its score or status), then for each interaction
index N from 0: "Question N" (the interaction id), "Response N", "Right answer N", "Result N".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from stce_scorm.errors import UsageError


class Response(BaseModel):
    """One interaction as the LMS recorded it."""

    item_id: str = Field(description="The interaction id: the question's stable id.")
    response: str = Field("", description="The learner's response pattern, as the LMS stored it.")
    correct: bool = Field(description="The LMS's result was 'correct'.")


class Attempt(BaseModel):
    """One learner's attempt and its recorded interactions, in the order recorded."""

    learner: str
    attempt: int
    responses: list[Response]


INTERACTION_COLUMN = re.compile(r"^(Question|Response|Right answer|Result) (\d+)$")


def _moodle_sniff(header: list[str]) -> bool:
    return "Attempt" in header and any(INTERACTION_COLUMN.match(c) for c in header)


def _rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    return list(csv.reader(text.splitlines(), delimiter=delimiter))


def read_moodle_interactions(path: Path) -> list[Attempt]:
    """Moodle's Interactions report download; rows without attempt data ('-') are skipped."""
    rows = _rows(path)
    if not rows or not _moodle_sniff(rows[0]):
        raise UsageError(f"{path} is not a Moodle interactions report",
                         "download it from the SCORM activity's Reports > Interactions report with Question, "
                         "Response and Result ticked")
    header = rows[0]
    columns: dict[int, dict[str, int]] = {}
    for index, name in enumerate(header):
        if match := INTERACTION_COLUMN.match(name):
            columns.setdefault(int(match.group(2)), {})[match.group(1)] = index
    missing = {"Question", "Result"} - set(next(iter(columns.values()), {}))
    if missing:
        raise UsageError(f"{path} has no {' or '.join(sorted(missing))} columns",
                         "tick 'Question' and 'Result' (and 'Response') in the report settings before downloading")
    name_at, attempt_at = header.index("Name") if "Name" in header else 0, header.index("Attempt")
    attempts = []
    for row in rows[1:]:
        if len(row) <= attempt_at or not row[attempt_at].strip().isdigit():
            continue  # a learner without attempts
        responses = []
        for n in sorted(columns):
            cell = lambda kind: row[columns[n][kind]].strip() if kind in columns[n] and columns[n][kind] < len(row) else ""  # noqa: E731, B023
            if cell("Question"):
                responses.append(Response(item_id=cell("Question"), response=cell("Response"),
                                          correct=cell("Result").lower() == "correct"))
        attempts.append(Attempt(learner=row[name_at], attempt=int(row[attempt_at]), responses=responses))
    return attempts


READERS: dict[str, tuple[Callable[[list[str]], bool], Callable[[Path], list[Attempt]]]] = {
    "moodle": (_moodle_sniff, read_moodle_interactions),
}


def read_export(path: Path, format_name: str | None = None) -> list[Attempt]:
    """Read an export with the named reader, or the first that recognises the file."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path} not found", "give the file downloaded from the LMS")
    if format_name:
        if format_name not in READERS:
            raise UsageError(f"unknown export format '{format_name}'", f"use one of: {', '.join(READERS)}")
        return READERS[format_name][1](path)
    rows = _rows(path)
    for sniff, read in READERS.values():
        if rows and sniff(rows[0]):
            return read(path)
    raise UsageError(f"{path}: no reader recognises this file", f"formats known: {', '.join(READERS)}")
