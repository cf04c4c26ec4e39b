"""The key tables of the authoring guide, generated from the source models, so the guide cannot drift from
the format: each table sits in docs/authoring.md between `<!-- reference: NAME -->` and
`<!-- /reference -->`. After changing a model, rewrite them with:

    .venv/bin/python -m stce_scorm.source.reference

The "meaning" column is the field's description followed by its limits (lengths, ranges), so write a
description as the sentence an author needs, without the limits.
"""

from __future__ import annotations

import json
import re
import sys
import typing
from dataclasses import dataclass
from pathlib import Path

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stce_scorm.source.models import (
    ID_HINT, Assessment, Blueprint, Glossary, LessonFrontMatter, ModuleConfig, Pool, QuestionBase, Question, SingleChoice,
    SourceModel, Term, Tracking,
)

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
COMMAND = ".venv/bin/python -m stce_scorm.source.reference"
ID_DESCRIPTION = f"A stable id: {ID_HINT}."
BLOCK = re.compile(r"(<!-- reference: (?P<name>[a-z_]+) -->\n)(?P<table>.*?)(<!-- /reference -->)", re.S)


@dataclass(frozen=True)
class Row:
    """One key of a table: the field of `model` named `key` (rows of several models may share a table)."""

    model: type[BaseModel]
    key: str


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    required_column: bool = True  # tables of keys that are all optional leave the column out


def _rows(model: type[BaseModel], *skip: str) -> tuple[Row, ...]:
    return tuple(Row(model, key) for key in model.model_fields if key not in skip)


def _question_type_row() -> str:
    """`type` is each question kind's own literal: the kinds come from the discriminated union."""
    kinds = [typing.get_args(member.model_fields["type"].annotation)[0] for member in _union_members(Question)]
    names = ", ".join(f"`{kind}`" for kind in kinds if kind != "scenario")
    return f"| `type` | yes | — | One of {names} (and `scenario` in assessments). |"


def _union_members(annotated: object) -> list[type[BaseModel]]:
    members: list[type[BaseModel]] = []
    for arg in typing.get_args(annotated):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            members.append(arg)
        elif typing.get_args(arg):
            members += _union_members(arg)
    return members


TABLES: dict[str, Table] = {
    "module": Table(_rows(ModuleConfig)),
    "tracking": Table(_rows(Tracking), required_column=False),
    "lesson": Table(_rows(LessonFrontMatter)),
    "glossary": Table(_rows(Glossary) + _rows(Term)),
    "assessment": Table(_rows(Assessment)),
    "pool": Table(_rows(Pool)),
    "blueprint": Table(_rows(Blueprint), required_column=False),
    "question": Table(_rows(QuestionBase, "branch") + (Row(SingleChoice, "shuffle"),)),
}


def render_table(name: str) -> str:
    """One table as Markdown lines, header included."""
    table = TABLES[name]
    header = "| key | required? | default | meaning |\n|---|---|---|---|\n" if table.required_column else \
        "| key | default | meaning |\n|---|---|---|\n"
    lines = []
    for row in table.rows:
        field = row.model.model_fields[row.key]
        cells = [f"`{row.key}`"]
        if table.required_column:
            cells.append("yes" if field.is_required() else "no")
        cells += [_default(field), _meaning(field)]
        lines.append("| " + " | ".join(cells) + " |")
        if name == "question" and row.key == "id":
            lines.append(_question_type_row())
    return header + "\n".join(lines) + "\n"


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "—"
    value = field.default_factory() if field.default_factory is not None else field.default  # type: ignore[call-arg]
    if value is None or value == {}:
        return "none"
    if value == []:
        return "empty list"
    if value == "":
        return "empty"
    if isinstance(value, SourceModel):
        return "see below"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return f"`{json.dumps(value)}`"
    return f"`{value}`"


def _meaning(field: FieldInfo) -> str:
    text = (field.description or "").strip()
    if text == ID_DESCRIPTION:  # an id with no words of its own: the rules are in the guide's Ids section
        text = "An [id](#ids)."
    elif ID_HINT in text:  # the rules are in the guide's Ids section
        text = text.replace(ID_HINT, "").rstrip(" .") + ". An [id](#ids)."
    limits = _limits(field)
    return " ".join(part for part in (text, limits) if part).replace("|", "\\|")


def _limits(field: FieldInfo) -> str:
    """The field's lengths and ranges, in words: "1 to 200 characters.", "More than 0, up to 600."."""
    found: dict[str, float] = {}
    for item in field.metadata:
        for kind, attribute in ((MinLen, "min_length"), (MaxLen, "max_length"), (Ge, "ge"), (Gt, "gt"),
                                (Le, "le"), (Lt, "lt")):
            if isinstance(item, kind):
                found[attribute] = getattr(item, attribute)
    text_like = field.annotation is str
    low, high = found.get("min_length"), found.get("max_length")
    if low is not None or high is not None:
        if text_like:
            if high is not None:
                return f"{low or 0} to {high} characters."
            return "Not empty." if low == 1 else f"At least {low} characters."
        if high is not None:
            return f"{low or 0} to {high} items."
        return "At least one." if low == 1 else f"At least {low}."
    lower = f"{found['ge']:g}" if "ge" in found else (f"more than {found['gt']:g}" if "gt" in found else None)
    upper = f"{found['le']:g}" if "le" in found else (f"less than {found['lt']:g}" if "lt" in found else None)
    if lower and upper:
        return f"{lower} to {upper}." if "ge" in found and "le" in found else f"{lower.capitalize()}, up to {upper}."
    if lower:
        return f"{lower.capitalize()}." if "gt" in found else f"At least {lower}."
    if upper:
        return f"Up to {upper}."
    return ""


def update_guide(text: str) -> str:
    """The guide's text with every reference table regenerated; unknown table names are an error."""
    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in TABLES:
            raise KeyError(f"docs/authoring.md names an unknown reference table '{name}': one of {', '.join(TABLES)}")
        return match.group(1) + render_table(name) + match.group(4)

    return BLOCK.sub(replace, text)


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    updated = update_guide(text)
    if updated != text:
        GUIDE.write_text(updated, encoding="utf-8")
        print(f"{GUIDE}: reference tables rewritten")
    else:
        print(f"{GUIDE}: reference tables already match the models")
    return 0


if __name__ == "__main__":
    sys.exit(main())
