"""The real module end to end in Chromium, against scorm-again as the LMS, in both SCORM versions:
every page shows, and the final assessment can be passed, and failed."""


import pytest
from playwright.sync_api import expect

from learner import answer, answer_assessment, go_next, questions_by_id
from lms.lms_harness import launch
from repo_paths import WMD_MODULE
from stce_scorm import load_module

MODULE, _ = load_module(WMD_MODULE)
STATUS = {"1.2": "cmi.core.lesson_status", "2004": "cmi.completion_status"}
RAW = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}



@pytest.fixture
def site(built_site, version):
    return built_site(WMD_MODULE, version)


def stored_when(server, element, value, timeout=6.0):
    return server.wait_until_stored(lambda stored: stored.get(element) == value, timeout=timeout)


def test_complete_every_page_and_pass(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    titles = [p.title for lesson in MODULE.lessons for p in lesson.pages]
    for title in titles:
        expect(frame.get_by_role("heading", level=1, name=title, exact=True)).to_be_visible()
        go_next(frame)
    expect(frame.get_by_role("heading", level=1, name=MODULE.assessments[0].title)).to_be_visible()
    for question in MODULE.knowledge_checks:
        assert frame.locator(f'[data-question="{question.id}"]').count() == 1
    frame.get_by_role("button", name="Start the assessment").click()
    drawn = answer_assessment(frame, MODULE, correct=True)
    assert len(drawn) >= 20
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 100%. You passed.")).to_be_visible()
    stored = stored_when(server, RAW[version], "100")
    assert stored[STATUS[version]] == ("passed" if version == "1.2" else "completed")
    if version == "2004":
        assert stored["cmi.success_status"] == "passed"


def test_fail_with_wrong_answers(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    frame.get_by_role("link", name=MODULE.assessments[0].title).click()
    frame.get_by_role("button", name="Start the assessment").click()
    answer_assessment(frame, MODULE, correct=False)
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 0%. The pass mark is 80%.")).to_be_visible()
    stored = stored_when(server, RAW[version], "0")
    assert stored[STATUS[version]] == "incomplete"
    review = frame.locator("[data-review] li:visible a")
    assert review.count() >= 1  # links back to the lessons whose questions were missed


def test_the_licence_check_of_lesson_3_is_answered_with_its_checkboxes_and_shows_the_findings(page, lms, site, version):
    frame = launch(page, lms(site), version)
    titles = [p.title for lesson in MODULE.lessons for p in lesson.pages]
    for _ in range(titles.index("Practice: does the licence match?")):
        go_next(frame)
    check = questions_by_id(MODULE)["kc_l3_docs"]
    answer(frame, check, correct=True)
    frame.get_by_role("button", name="Check answer").click()
    box = frame.locator('[data-question="kc_l3_docs"]')
    expect(box.get_by_text("Right. The code and the goods fit")).to_be_visible()
    expect(box.get_by_text("Six cabinets are invoiced, but the licence covers two.")).to_be_visible()
