"""The facilitator guide and the participant handout, read back (pypdf, lxml), and the kit as a whole:
all three documents for both modules, the same bytes on every run, in the module's language or one of its translations."""

from __future__ import annotations

import re
import subprocess
from html import unescape

import lxml.html
import pypdf
import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm.errors import ModuleError
from stce_scorm.workshop import write_workshop
from stce_scorm.workshop.guide import schedule
from stce_scorm.workshop.kit import kit_content
from stce_scorm.workshop.points import markdown_text

pytestmark = pytest.mark.slow  # LibreOffice or WeasyPrint: see the `slow` marker in pyproject.toml


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    """The document's text, as poppler's pdftotext reads it (pypdf's text extraction took seconds a document)."""
    return squeeze(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize("name", ["example", "wmd"])
def test_the_kit_has_three_documents(decks, name):
    kit = decks[name].kit
    assert [path.name for path in kit.files] == [
        f"{decks[name].module.config.id}-{decks[name].module.config.version}-en-{suffix}"
        for suffix in ("slides.pptx", "facilitator-guide.pdf", "facilitator-guide.html", "handout.pdf")]
    for path in kit.files:
        assert path.stat().st_size > 1000, path
    assert len(pypdf.PdfReader(kit.guide_pdf).pages) > 3
    assert len(pypdf.PdfReader(kit.handout_pdf).pages) > 2


@pytest.mark.parametrize("name", ["example", "wmd"])
def test_guide_has_timing_exercises_answer_keys_and_sources(decks, name):
    deck = decks[name]
    module = deck.module
    html = lxml.html.fromstring(deck.kit.guide_html.read_text(encoding="utf-8"))
    rows = html.xpath("//table[contains(@class, 'schedule')]/tbody/tr")
    kit = kit_content(module, "Scenario")
    slots = schedule(kit)
    assert len(rows) == len(slots) >= len(module.lessons)
    for row, slot in zip(rows, slots):
        cells = [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        assert cells[0] == slot.clock and cells[2] == f"{slot.minutes} minutes"
    assert sum(slot.minutes for slot in slots) == max(module.config.learning_time_minutes,
                                                      sum(lesson.minutes for lesson in module.lessons))
    text = pdf_text(deck.kit.guide_pdf)
    assert "Howtorunit" in text
    assert len(html.xpath("//section[contains(@class, 'discussion')]")) == (
        sum(len(lesson.discussions) for lesson in kit.lessons) + len(kit.discussions))
    # Answer keys: every knowledge check and assessment question, with its correct answer marked.
    for question in module.all_questions():
        section = html.xpath(f"//section[@data-question='{question.id}']")
        assert section, question.id
        assert section[0].xpath(".//*[contains(@class, 'is-correct')]"), question.id
    for lesson in kit.lessons:
        if lesson.sources:
            first_source = lesson.sources.strip().splitlines()[0]
            assert squeeze(markdown_text(first_source))[:40] in squeeze(html.text_content())


@pytest.mark.parametrize("name", ["example", "wmd"])
def test_handout_has_summaries_diagrams_and_scenarios_without_answers(decks, name):
    deck = decks[name]
    kit = kit_content(deck.module, "Scenario")
    text = pdf_text(deck.kit.handout_pdf)
    for lesson in kit.lessons:
        assert squeeze(lesson.lesson.title) in text
        assert squeeze(lesson.summary[0])[:60] in text
        for discussion in lesson.discussions:
            for question in discussion.questions:
                assert squeeze(markdown_text(question.prompt))[:60] in text
                assert squeeze(markdown_text(question.feedback.correct))[:60] not in text
    assert "Correctanswer" not in text and "Modelanswer" not in text
    for term in kit.glossary:
        assert squeeze(term.term) in text
    reader = pypdf.PdfReader(deck.kit.handout_pdf)
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 1 or any("/XObject" in str(page.get("/Resources", {})) for page in reader.pages)


def test_the_same_sources_give_the_same_bytes(decks, tmp_path):
    """Every file of the kit, built again, is byte for byte the same (zip dates, document properties,
    PDF identifiers: nothing depends on the time of the run)."""
    for deck in decks.values():
        again = write_workshop(deck.module.root, tmp_path / deck.module.config.id)
        for first, second in zip(deck.kit.files, again.files):
            assert first.read_bytes() == second.read_bytes(), first.name


def test_the_deck_carries_no_wall_clock_value(decks):
    import zipfile

    with zipfile.ZipFile(decks["example"].kit.slides) as deck:
        assert {info.date_time for info in deck.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = deck.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00" in core and "Steve Canny" not in core


def test_a_language_the_module_is_not_translated_into_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ModuleError) as refused:
        write_workshop(EXAMPLE_MODULE, tmp_path / "out", "fr")
    assert "--lang fr: the module is not translated into 'fr'" in refused.value.format_message()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_kit_speaks_the_modules_language_from_the_theme_locale(minimal_copy, tmp_path):
    """A French module gets French slide and guide words from the theme's locale file."""
    minimal_copy.edit("module.yaml", "language: en", "language: fr")
    kit = write_workshop(minimal_copy.path, tmp_path, "fr")
    assert kit.slides.name.endswith("-fr-slides.pptx")
    from pptx import Presentation

    titles = [slide.shapes.title.text_frame.text for slide in Presentation(kit.slides).slides]
    # French typography (terminology-fr.md): a non-breaking space before the colon, the typographic apostrophe
    assert "Sondage éclair" in titles and any(title.startswith("Leçon 1\u00a0:") for title in titles)
    assert "Guide de l’animateur" in unescape(kit.guide_html.read_text(encoding="utf-8"))
