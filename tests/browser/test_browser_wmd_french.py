"""The WMD module in French, end to end in Chromium against scorm-again, in both SCORM versions: every page
shows with its French title, the player speaks French, and the final assessment can be passed and failed.
The learner finds every control by its French name, as a French screen-reader user would."""

import re

import pytest
from playwright.sync_api import expect

from learner import answer, answer_assessment, go_next, ui_words
from lms.lms_harness import launch
from repo_paths import WMD_MODULE
from stce_scorm.source.loader import load_module
from stce_scorm.translate import apply_translation, catalog_path, read_po

SOURCE, _ = load_module(WMD_MODULE)
CATALOG, _ = read_po(catalog_path(WMD_MODULE, "fr"), "fr")
MODULE = apply_translation(SOURCE, CATALOG)
WORDS = ui_words("fr")
STATUS = {"1.2": "cmi.core.lesson_status", "2004": "cmi.completion_status"}
RAW = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}


def said(template: str, **values) -> re.Pattern:
    """A player sentence from its French template, whatever spaces the player sets before '%' (French
    puts a no-break space there)."""
    text = re.escape(template.format(**values))
    return re.compile(re.sub(r"(\\ )+", r"\\s*", text).replace("%", r"\s*%"))


@pytest.fixture(scope="module", params=["1.2", "2004"])
def version(request):
    return request.param


@pytest.fixture
def site(built_site, version):
    return built_site(WMD_MODULE, version, "fr")


def stored_when(server, element, value, timeout=6.0):
    return server.wait_until_stored(lambda stored: stored.get(element) == value, timeout=timeout)


def test_the_translation_is_complete_and_the_page_is_french(page, lms, site, version):
    assert MODULE.untranslated == 0
    frame = launch(page, lms(site), version)
    assert frame.locator("html").get_attribute("lang") == "fr"
    expect(frame.get_by_role("heading", level=1, name=MODULE.lessons[0].pages[0].title, exact=True)).to_be_visible()
    assert MODULE.lessons[0].pages[0].title != SOURCE.lessons[0].pages[0].title


def test_complete_every_page_in_french_and_pass(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    titles = [p.title for lesson in MODULE.lessons for p in lesson.pages]
    for title in titles:
        expect(frame.get_by_role("heading", level=1, name=title, exact=True)).to_be_visible()
        go_next(frame, WORDS)
    expect(frame.get_by_role("heading", level=1, name=MODULE.assessments[0].title)).to_be_visible()
    frame.get_by_role("button", name=WORDS["start_assessment"]).click()
    drawn = answer_assessment(frame, MODULE, correct=True, words=WORDS)
    assert len(drawn) >= 20
    frame.get_by_role("button", name=WORDS["submit"], exact=True).click()
    expect(frame.get_by_text(said(WORDS["score_passed"], score="100%"))).to_be_visible()
    stored = stored_when(server, RAW[version], "100")
    assert stored[STATUS[version]] == ("passed" if version == "1.2" else "completed")
    if version == "2004":
        assert stored["cmi.success_status"] == "passed"


def test_fail_in_french_with_wrong_answers(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    frame.get_by_role("link", name=MODULE.assessments[0].title).click()
    frame.get_by_role("button", name=WORDS["start_assessment"]).click()
    answer_assessment(frame, MODULE, correct=False, words=WORDS)
    frame.get_by_role("button", name=WORDS["submit"], exact=True).click()
    expect(frame.get_by_text(said(WORDS["score_failed"], score="0%", **{"pass": "80%"}))).to_be_visible()
    stored = stored_when(server, RAW[version], "0")
    assert stored[STATUS[version]] == "incomplete"
    assert frame.locator("[data-review] li:visible a").count() >= 1  # links back to the lessons to review


def test_a_document_answer_is_reviewed_with_french_punctuation(page, lms, site, version):
    """« Votre réponse : Déclaration d’exportation … : Code SH ; … »: the player joins a document's title, an
    entry and the next entry with the catalog's colon and separator, not with English ': ' and '; '."""
    question = next(q for q in MODULE.knowledge_checks if q.id == "kc_l9_invoice")
    lesson, where = next((lesson, p) for lesson in MODULE.lessons for p in lesson.pages if question.id in p.markdown)
    frame = launch(page, lms(site), version)
    frame.locator(f'a[href="#{lesson.id}-{where.id}"]').first.click()
    box = frame.locator(f'[data-check="{question.id}"]')
    answer(frame, question, correct=False, words=WORDS)
    box.get_by_role("button", name=WORDS["check_answer"]).click()
    review = box.locator("[data-answer-review]")
    expect(review).to_be_visible()
    text = review.inner_text()
    assert "\u00a0: " in text and "\u202f; " in text, text
    assert not re.search(r"[^\s\u00a0\u202f][:;](?=\s)", text), text
