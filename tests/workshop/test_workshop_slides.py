"""The trainer slides, opened in the real LibreOffice Impress: they open without repair, every slide is a
PDF page with its text, no text runs out of its box (measured on LibreOffice's own layout), every
picture has the author's alt text, and the speaker notes carry the page text, answers and feedback."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from stce_scorm.source.models import Scenario
from stce_scorm.source.texts import media_uses
from stce_scorm.workshop.kit import kit_content
from stce_scorm.workshop.points import markdown_text, page_text

pytestmark = pytest.mark.slow  # LibreOffice or WeasyPrint: see the `slow` marker in pyproject.toml

MODULE_NAMES = ["example", "wmd"]
EMU_PER_POINT = Pt(1)  # python-pptx's length unit, the English Metric Unit
TOLERANCE_PT = 1.5  # PDF glyph boxes include the font's full ascent and descent


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_libreoffice_opens_the_deck_without_repair_and_draws_every_slide(decks, name):
    deck = decks[name]
    log = deck.conversion_log.lower()
    assert "error" not in log and "repair" not in log and "corrupt" not in log, deck.conversion_log
    assert deck.pdf.is_file()
    assert deck.pdf_pages() == len(deck.presentation.slides) > 5


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_every_slide_shows_its_text_in_libreoffice(decks, name):
    deck = decks[name]
    for number, slide in enumerate(deck.presentation.slides, 1):
        drawn = squeeze(deck.page_text(number)).replace("•", "")  # bullets are drawn, not typed
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert squeeze(shape.text_frame.text) in drawn, (number, shape.name, shape.text_frame.text)


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_the_deck_covers_the_module(decks, name):
    """Every lesson, every page with text, every knowledge check and scenario, and every term are there."""
    deck = decks[name]
    module = deck.module
    titles = [slide.shapes.title.text_frame.text for slide in deck.presentation.slides if slide.shapes.title]
    text = squeeze(" ".join(shape.text_frame.text for slide in deck.presentation.slides
                            for shape in slide.shapes if shape.has_text_frame))
    references = module.config.quality.references_page
    for lesson in module.lessons:
        assert any(lesson.title in title for title in titles), lesson.title
        for page in lesson.pages:
            if page.id != references:
                assert squeeze(page.title) in text, page.title
    for question in module.knowledge_checks:
        assert squeeze(markdown_text(question.prompt)) in text, question.id
    scenarios = [q for a in module.assessments for p in a.pools for q in p.questions if isinstance(q, Scenario)]
    for scenario in scenarios:
        assert squeeze(markdown_text(scenario.case))[:80] in text, scenario.id
    for term in module.glossary:
        assert squeeze(term.term) in text, term.id


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_no_text_overflows_its_box_in_libreoffice(decks, name):
    """Each word LibreOffice drew lies inside a text box of its slide: text that overflowed a box
    would be drawn below it (or above and below, for centred titles)."""
    deck = decks[name]
    drawn = deck.words()
    slides = list(deck.presentation.slides)
    checked = 0
    for number, slide in enumerate(slides, 1):
        boxes = [(shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT,
                  (shape.left + shape.width) / EMU_PER_POINT, (shape.top + shape.height) / EMU_PER_POINT)
                 for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.strip()]
        for word in drawn[number]:
            inside = any(x0 - TOLERANCE_PT <= word.x0 and word.x1 <= x1 + TOLERANCE_PT
                         and y0 - TOLERANCE_PT <= word.y0 and word.y1 <= y1 + TOLERANCE_PT
                         for x0, y0, x1, y1 in boxes)
            assert inside, f"slide {number}: {word.text!r} at {word} is outside every text box {boxes}"
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_every_picture_has_the_authors_alt_text(decks, name):
    deck = decks[name]
    alts = {use.alt for use in media_uses(deck.module) if use.kind == "image"}
    pictures = [shape for slide in deck.presentation.slides for shape in slide.shapes
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures, "the module's diagrams are on slides"
    for picture in pictures:
        descr = picture._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
        assert descr and descr[0] in alts, (picture.name, descr)
    shown = {picture._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for picture in pictures}
    assert shown == alts, "every image of the module is on a slide"


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_speaker_notes_carry_page_text_answers_and_feedback(decks, name):
    deck = decks[name]
    kit = kit_content(deck.module, "Scenario")
    all_notes = squeeze(" ".join(slide.notes_slide.notes_text_frame.text
                                 for slide in deck.presentation.slides if slide.has_notes_slide))
    for lesson in kit.lessons:
        for page in lesson.pages:
            if page.key_points:
                assert squeeze(page.notes)[:200] in all_notes, page.cite
        for discussion in lesson.discussions:
            for question in discussion.questions:
                assert squeeze(markdown_text(question.feedback.correct)) in all_notes, question.id
                assert squeeze(markdown_text(question.feedback.incorrect)) in all_notes, question.id
    for question in deck.module.knowledge_checks:
        assert squeeze(markdown_text(question.feedback.correct)) in all_notes, question.id


def test_a_lesson_scenario_shows_its_case_and_keeps_the_model_answer_for_the_notes(decks):
    deck = decks["wmd"]
    kit = kit_content(deck.module, "Scenario")
    discussion = next(d for lesson in kit.lessons for d in lesson.discussions if d.model_answer)
    slides = list(deck.presentation.slides)
    case = next(s for s in slides if s.shapes.title.text_frame.text == discussion.title)
    question = next(s for s in slides if s.shapes.title.text_frame.text == f"Discuss: {discussion.title}")
    case_text = squeeze(" ".join(shape.text_frame.text for shape in case.shapes if shape.has_text_frame))
    assert squeeze(page_text(discussion.case).splitlines()[-1]) in case_text
    answer = page_text(discussion.model_answer).splitlines()
    assert squeeze(answer[-1]) not in case_text  # the answer is not on the slide the class sees
    notes = squeeze(question.notes_slide.notes_text_frame.text)
    assert "Modelanswer:" in notes and squeeze(answer[-1]) in notes


def test_a_document_inspection_poll_numbers_every_entry_and_keeps_the_findings_for_the_notes(decks):
    deck = decks["example"]
    questions = [q for q in deck.module.knowledge_checks if q.type == "document_inspection"]
    assert questions, "the example module has a document inspection"
    slides = list(deck.presentation.slides)
    for question in questions:
        slide = next(s for s in slides if markdown_text(question.prompt) in
                     " ".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame))
        body = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for document in question.documents:
            assert document.title in body
            for field in document.fields:
                assert f"{field.label}: {' '.join(field.value.split())}" in body
        notes = slide.notes_slide.notes_text_frame.text
        findings = [item.finding for document in question.documents
                    for item in [*document.fields, *(document.lines.rows if document.lines else [])] if item.finding]
        assert findings and all(markdown_text(finding) in notes for finding in findings)
        assert notes.startswith("Correct answer: ")
