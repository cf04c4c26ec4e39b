"""A document-inspection question in the storyboard: its documents as text, the entries to select marked,
each finding beside its entry; in the learner handout the documents without marks or findings."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm.pipeline import load_and_check
from stce_scorm.source.models import DocumentInspection
from stce_scorm.storyboard import write_storyboard


@pytest.fixture(scope="module")
def question() -> DocumentInspection:
    module = load_and_check(EXAMPLE_MODULE)[0]
    return next(q for q in module.knowledge_checks if isinstance(q, DocumentInspection))


def section(tmp_path_factory, answers: bool, question_id: str):
    path = write_storyboard(EXAMPLE_MODULE, tmp_path_factory.mktemp("board"), "html", answers=answers)
    doc = lxml.html.fromstring(Path(path).read_text(encoding="utf-8"))
    [found] = doc.xpath(f"//section[@data-question='{question_id}']")
    return found


def text(element) -> str:
    return " ".join(element.text_content().split())


def entries(question: DocumentInspection):
    for document in question.documents:
        for field in document.fields:
            yield f"{document.id}.{field.id}", field, [field.label, field.value]
        for row in document.lines.rows if document.lines else []:
            yield f"{document.id}.{row.id}", row, row.cells


def test_storyboard_shows_documents_marks_and_findings(tmp_path_factory, question):
    found = section(tmp_path_factory, True, question.id)
    assert "Document inspection" in text(found.xpath(".//*[contains(@class, 'question-title')]")[0])
    for document in question.documents:
        [sheet] = found.xpath(f".//article[@data-document='{document.id}']")
        assert document.title in text(sheet)
    for entry_id, entry, words in entries(question):
        [item] = found.xpath(f".//*[@data-choice='{entry_id}']")
        shown = text(item)
        assert all(" ".join(word.split()) in shown for word in words), (entry_id, shown)
        marked = "is-correct" in item.get("class").split()
        assert marked == (entry_id in question.correct), entry_id
        after = item.getnext()  # a goods line's mark and finding stand in the table row below it
        below = after is not None and "entry-finding-row" in after.get("class", "")
        around = text(item) + (" " + text(after) if item.tag == "tr" and below else "")
        assert ("✓ Correct answer" in around) == (entry_id in question.correct), entry_id
        if entry.finding:
            assert f"Finding {entry.finding}" in around, entry_id


def test_handout_shows_the_documents_without_answers(tmp_path_factory, question):
    found = section(tmp_path_factory, False, question.id)
    shown = text(found)
    for _, entry, words in entries(question):
        assert all(" ".join(word.split()) in shown for word in words)
        assert not entry.finding or entry.finding not in shown
    assert "✓" not in shown and not found.find_class("is-correct") and not found.find_class("feedback")
