"""Trade documents in the built player page: ids that cannot collide, author text as text. The tests edit a copy
of the fixture whose one knowledge check is a document inspection (tests/fixtures/document_inspection)."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from stce_scorm import build

KC = "quizzes/knowledge-checks.yaml"


@pytest.fixture
def inspection(module_copy):
    return module_copy("document_inspection")


def player_page(module_dir: Path, tmp_path: Path):
    [package] = build(module_dir, tmp_path / "out", versions=["2004"], cache_dir=tmp_path / "cache").packages
    with zipfile.ZipFile(package.path) as archive:
        return lxml.html.fromstring(archive.read("all-pages.html").decode("utf-8"))  # every page in one document


def test_entry_ids_named_like_parts_of_the_document_keep_every_html_id_unique(inspection, tmp_path: Path):
    """An entry id such as 'title' or 'lines' once gave its checkbox the id of the document's title."""
    inspection.edit(KC, "- id: seller\n", "- id: title\n")
    inspection.edit(KC, "- id: terms\n", "- id: lines\n")
    inspection.edit(KC, "- id: buyer\n", "- id: kind\n")
    inspection.edit(KC, "- id: l2\n", "- id: col1\n")
    page = player_page(inspection.path, tmp_path)
    counts = Counter(page.xpath("//@id"))
    assert [name for name, n in counts.items() if n > 1] == []
    boxes = page.xpath("//*[@data-question='kc_documents']//input[@type='checkbox']")
    assert len(boxes) == 9
    for box in boxes:
        for part in box.get("aria-labelledby").split():
            assert page.get_element_by_id(part) is not None


def test_markup_in_document_text_is_escaped(inspection, tmp_path: Path):
    inspection.edit(KC, "value: FCA Northport Airport", "value: \"<script>alert(1)</script>FCA & co\"")
    page = player_page(inspection.path, tmp_path)
    [question] = page.xpath("//*[@data-question='kc_documents']")
    assert question.xpath(".//script") == []
    [value] = question.xpath(".//*[@data-entry='inv.terms']//label[contains(@class, 'entry-value')]")
    assert value.text_content() == "<script>alert(1)</script>FCA & co"
