"""Resume is exact with pages delivered in fragments (render/fragments.py): a learner who leaves on page 3
of lesson 7 of the real module, a page index.html does not hold, comes back to that very page, with the
answers and the saved state unchanged, in both SCORM versions, against scorm-again as the LMS."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from learner import answer, heading, questions_by_id
from lms.lms_harness import launch
from repo_paths import WMD_MODULE
from stce_scorm import load_module

MODULE, _ = load_module(WMD_MODULE)
LESSON = MODULE.lessons[6]  # lesson 7
PAGE = LESSON.pages[2]  # its page 3
SUSPEND = "cmi.suspend_data"
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}


@pytest.fixture(scope="module", params=["1.2", "2004"])
def version(request) -> str:
    return request.param


def check_answered(frame, question_id: str, correct: bool) -> None:
    box = frame.locator(f'[data-check="{question_id}"]')
    answer(frame, questions_by_id(MODULE)[question_id], correct=correct)
    box.get_by_role("button", name="Check answer").click()
    expect(box.locator("[data-feedback]")).to_be_visible()


def test_resume_on_lesson_7_page_3_lands_there_with_the_state_intact(page, lms, built_site, version):
    assert "lessons/07-" in LESSON.file and PAGE.id == "l4d_scenario"
    server = lms(built_site(WMD_MODULE, version))
    frame = launch(page, server, version)
    first, third = LESSON.pages[0], PAGE
    frame.evaluate("anchor => { location.hash = anchor; }", f"#{LESSON.id}-{first.id}")
    expect(heading(frame, first.title)).to_be_focused()
    check_answered(frame, "kc_l4d_hyper", correct=True)
    frame.evaluate("anchor => { location.hash = anchor; }", f"#{LESSON.id}-{third.id}")
    expect(heading(frame, third.title)).to_be_focused()
    check_answered(frame, "kc_l4d_scen", correct=False)
    page.close(run_before_unload=True)
    server.wait_for_commits(1, final=True)
    before = server.stored()
    assert before[LOCATION[version]] == f"{LESSON.id}-{third.id}"

    commits = len(server.commits())
    relaunched = page.context.new_page()
    frame = launch(relaunched, server, version)
    expect(heading(frame, third.title)).to_be_visible()
    total = sum(len(lesson.pages) for lesson in MODULE.lessons) + len(MODULE.assessments) + 1
    number = sum(len(lesson.pages) for lesson in MODULE.lessons[:6]) + 3
    expect(frame.locator("#progress-text")).to_have_text(f"Page {number} of {total}")
    scenario = frame.locator('[data-check="kc_l4d_scen"]')
    expect(scenario.locator("[data-feedback]")).to_be_visible()
    assert scenario.locator("input:checked").count() == 1
    assert frame.evaluate("n => STCE.config.pages[n].fragment", number - 1) == f"{LESSON.id}-2"  # not in index.html
    state = frame.evaluate("text => STCE.state.decode(text, STCE.config)", before[SUSPEND])
    assert set(state["answers"]) >= {"kc_l4d_hyper", "kc_l4d_scen"} and state["page"] == number - 1
    # The relaunch's first save stores the state it read, unchanged, byte for byte.
    server.wait_for_commits(commits + 1)
    assert server.stored()[SUSPEND] == before[SUSPEND]
    frame.get_by_role("button", name="Previous").click()
    frame.get_by_role("button", name="Previous").click()
    expect(heading(frame, first.title)).to_be_focused()
    expect(frame.locator('[data-check="kc_l4d_hyper"] [data-feedback]')).to_be_visible()
