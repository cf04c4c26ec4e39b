"""Document-inspection questions in real Chromium through the LMS runtime (scorm-again), in both SCORM
versions: as a knowledge check (instant feedback and findings, kept on resume) and in the assessment (the
choice interaction the LMS holds, valid by Moodle's rules; a half-answered attempt resumed)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from playwright.sync_api import expect

from learner import answer, answer_assessment, entry_names, questions_by_id
from lms.lms_harness import interactions, launch, wait_until_saved
from lms.moodle_rules import moodle_accepts
from repo_paths import ASSESSED_DOCUMENT, EXAMPLE_MODULE, MARKUP_IN_AUTHOR_TEXT, REPO
from stce_scorm import load_module
from stce_scorm.source.models import DocumentInspection

RESPONSE = {"1.2": "student_response", "2004": "learner_response"}
SEPARATOR = {"1.2": ",", "2004": "[,]"}
WRONG = {"1.2": "wrong", "2004": "incorrect"}
WORDS = yaml.safe_load((REPO / "themes/base/locale/en.yaml").read_text(encoding="utf-8"))
FLAGGED = WORDS["document_entry_flagged"]



def the_question(module_dir: Path, question_id: str) -> DocumentInspection:
    module, problems = load_module(module_dir)
    assert problems == []
    return questions_by_id(module)[question_id]


def open_check(frame):
    frame.get_by_role("link", name="Warning signs").click()
    return frame.locator('[data-check="kc_l2_documents"]')


def selection(box) -> list[str]:
    return box.locator("[data-entry] input:checked").evaluate_all("els => els.map(e => e.value)")


def findings(question: DocumentInspection) -> list[str]:
    return [entry.finding for document in question.documents
            for entry in [*document.fields, *(document.lines.rows if document.lines else [])] if entry.finding]


def expect_revealed(box, question: DocumentInspection) -> None:
    """Each entry that does not fit says so in words, and each finding shows."""
    expect(box.locator("[data-entry-mark]:visible")).to_have_count(len(question.correct))
    marked = box.locator("[data-entry]").evaluate_all(f"""els => els.filter(e => [...e.querySelectorAll("*")]
      .some(m => m.checkVisibility() && m.textContent === {FLAGGED!r})).map(e => e.dataset.entry)""")
    assert marked == [e for e in question.entries() if e in question.correct]
    for text in findings(question):
        expect(box.get_by_text(text)).to_be_visible()


def test_knowledge_check_right_answer_shows_findings_and_resumes(page, lms, built_site, version):
    question = the_question(EXAMPLE_MODULE, "kc_l2_documents")
    server = lms(built_site(EXAMPLE_MODULE, version))
    frame = launch(page, server, version)
    box = open_check(frame)
    for text in findings(question):  # nothing is given away before the learner answers
        expect(box.get_by_text(text)).to_be_hidden()
    assert box.get_by_text(FLAGGED).evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0
    answer(frame, question, correct=True)
    box.get_by_role("button", name="Check answer").click()
    expect(box.locator("[data-verdict]")).to_have_text("Correct.")
    expect(box.get_by_text(question.feedback.correct)).to_be_visible()
    expect_revealed(box, question)
    wait_until_saved(page, server)  # the check's answer is stored
    page.close(run_before_unload=True)
    server.wait_for_commits(1, final=True)

    relaunched = page.context.new_page()
    frame = launch(relaunched, server, version)
    box = frame.locator('[data-check="kc_l2_documents"]')
    expect(box).to_be_visible()  # resumed on the page the learner left
    assert selection(box) == ["inv.l1", "awb.routing"]
    expect(box.get_by_text(question.feedback.correct)).to_be_visible()
    expect_revealed(box, question)


def test_knowledge_check_wrong_answer_teaches_and_keeps_the_selection(page, lms, built_site, version):
    question = the_question(EXAMPLE_MODULE, "kc_l2_documents")
    server = lms(built_site(EXAMPLE_MODULE, version))
    frame = launch(page, server, version)
    box = open_check(frame)
    box.get_by_role("button", name="Check answer").click()  # nothing selected: not an answer
    expect(box.get_by_text(WORDS["unanswered"])).to_be_visible()
    answer(frame, question, correct=False)
    box.get_by_role("button", name="Check answer").click()
    expect(box.locator("[data-verdict]")).to_have_text("Not quite.")
    expect(box.get_by_text(question.feedback.incorrect)).to_be_visible()
    expect_revealed(box, question)
    assert selection(box) == [e for e in question.entries() if e not in question.correct]
    review = box.locator("[data-answer-review]")
    expect(review).to_contain_text("Your answer: Commercial invoice No. 2026-0147: Seller; "
                                   "Commercial invoice No. 2026-0147: Buyer and consignee; ")
    expect(review).to_contain_text("Correct answer: Commercial invoice No. 2026-0147: Industrial parts; "
                                   "Air waybill 123-45678901: Routing")


def test_every_entry_is_a_named_checkbox_reachable_by_keyboard(page, serve, built_site):
    question = the_question(EXAMPLE_MODULE, "kc_l2_documents")
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html#l2_border-p1")
    box = page.locator('[data-check="kc_l2_documents"]')
    names = entry_names(question)
    assert names["inv.l1"] == ("Commercial invoice No. 2026-0147 Description Industrial parts HS code 8479.89 "
                               "Quantity 4 cases Value USD 412,000")
    for entry, name in names.items():
        expect(box.get_by_role("checkbox", name=name, exact=True)).to_have_attribute("value", entry)
    seller = box.get_by_role("checkbox", name=names["inv.seller"], exact=True)
    seller.focus()
    page.keyboard.press("Space")
    expect(seller).to_be_checked()
    for _ in range(2):
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the goods table scrolls on narrow screens: its region takes focus
    expect(box.get_by_role("region", name="Goods lines Commercial invoice No. 2026-0147")).to_be_focused()
    page.keyboard.press("Tab")
    expect(box.get_by_role("checkbox", name=names["inv.l1"], exact=True)).to_be_focused()
    page.keyboard.press("Space")
    assert selection(box) == ["inv.seller", "inv.l1"]
    box.get_by_text("USD 1,200").click()  # a click on any cell of a goods line selects it
    assert selection(box) == ["inv.seller", "inv.l1", "inv.l2"]


def test_readable_at_320_px(page, serve, built_site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html#l2_border-p1")
    box = page.locator('[data-check="kc_l2_documents"]')
    expect(box.get_by_text("Riverside Industrial Park, Northport")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for sheet in box.locator("article").all():
        width = sheet.evaluate("e => e.getBoundingClientRect().right")
        assert width <= 320
    region = box.get_by_role("region", name=re.compile("^Goods lines"))
    assert region.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    font = box.locator(".entry-value").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= 14



def wait_for_record(frame, count: int) -> list[dict[str, str]]:
    frame.page.wait_for_function(f"window.lmsState()['cmi.interactions.{count - 1}.id'] !== undefined")
    return interactions({k: "" if v is None else str(v) for k, v in frame.page.evaluate("window.lmsState()").items()})


def test_in_the_assessment_it_reports_a_choice_interaction(page, lms, built_site, version):
    question = the_question(ASSESSED_DOCUMENT, "q_documents")
    module, _ = load_module(ASSESSED_DOCUMENT)
    server = lms(built_site(ASSESSED_DOCUMENT, version))
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    drawn = answer_assessment(frame, module, correct=True)
    assert "q_documents" in drawn
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 100%. You passed.")).to_be_visible()
    box = frame.locator('[data-question="q_documents"]')
    expect_revealed(box, question)
    record = next(r for r in wait_for_record(frame, len(drawn)) if r["id"] == "q_documents")
    right = SEPARATOR[version].join(["inv.l1", "awb.routing"])
    assert (record["type"], record["result"], record[RESPONSE[version]]) == ("choice", "correct", right)
    assert record["correct_responses.0.pattern"] == right
    assert record["objectives.0.id"] == "o2_flags" and record["weighting"] == "1"
    for field, value in record.items():
        kind = "choice" if field == "learner_response" else None
        assert moodle_accepts(f"cmi.interactions.0.{field}", value, version, interaction_type=kind), (field, value)

def test_a_wrong_selection_is_reported_wrong_and_a_new_attempt_starts_clean(
        page, lms, built_site, version):
    question = the_question(ASSESSED_DOCUMENT, "q_documents")
    module, _ = load_module(ASSESSED_DOCUMENT)
    server = lms(built_site(ASSESSED_DOCUMENT, version))
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    drawn = answer_assessment(frame, module, correct=False)
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 0%.", exact=False)).to_be_visible()
    box = frame.locator('[data-question="q_documents"]')
    expect_revealed(box, question)
    record = next(r for r in wait_for_record(frame, len(drawn)) if r["id"] == "q_documents")
    selected = [e for e in question.entries() if e not in question.correct]
    assert record["result"] == WRONG[version]
    assert record[RESPONSE[version]] == SEPARATOR[version].join(selected)
    for field, value in record.items():
        kind = "choice" if field == "learner_response" else None
        assert moodle_accepts(f"cmi.interactions.0.{field}", value, version, interaction_type=kind), (field, value)

    frame.get_by_role("button", name="Try again").click()
    expect(box.get_by_role("checkbox").first).to_be_enabled()
    assert selection(box) == []
    expect(box.locator("[data-entry-mark]:visible, [data-finding]:visible")).to_have_count(0)


def test_resume_mid_assessment_restores_the_selection(page, lms, built_site, version):
    question = the_question(ASSESSED_DOCUMENT, "q_documents")
    server = lms(built_site(ASSESSED_DOCUMENT, version))
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    box = frame.locator('[data-question="q_documents"]')
    names = entry_names(question)
    box.get_by_role("checkbox", name=names["awb.routing"], exact=True).check()
    box.get_by_role("checkbox", name=names["inv.buyer"], exact=True).check()
    wait_until_saved(page, server)  # the throttled commit of the answer went out
    page.close(run_before_unload=True)
    server.wait_for_commits(1, final=True)

    relaunched = page.context.new_page()
    frame = launch(relaunched, server, version)
    box = frame.locator('[data-question="q_documents"]')
    expect(box).to_be_visible()
    assert selection(box) == ["inv.buyer", "awb.routing"]
    # not submitted: nothing revealed yet
    assert box.get_by_text(FLAGGED).evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0


def test_markup_in_document_text_is_shown_as_text(page, serve, built_site):
    """The fixture's document holds a script in its title, an image with a handler in a field, a tag in a cell."""
    page.goto(serve(built_site(MARKUP_IN_AUTHOR_TEXT, "2004")) + "/index.html#l1_documents-p1")
    box = page.locator('[data-check="kc_documents"]')
    expect(box.get_by_text("Invoice <script>window.hacked = 1</script>")).to_be_visible()
    expect(box.get_by_text("<img src=x onerror='window.hacked = 2'>FCA")).to_be_visible()
    expect(box.get_by_text("<b onmouseover=alert(1)>USD</b>")).to_be_visible()
    assert box.locator("script, img, b").count() == 0
    assert page.evaluate("window.hacked === undefined")
