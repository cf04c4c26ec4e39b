"""A branching scenario: each answer shows the question it leads to, and only the learner's path counts."""

import pytest
from playwright.sync_api import expect

from learner import answer, answer_assessment, questions_by_id
from lms.lms_harness import launch
from repo_paths import EVERY_QUESTION
from stce_scorm import load_module


@pytest.fixture
def all_drawn(built_site):
    """Every question drawn, so the branching scenario is always in the attempt."""
    module, _ = load_module(EVERY_QUESTION)
    return built_site(EVERY_QUESTION, "2004"), module


def test_the_path_follows_the_answers_and_only_it_is_scored(page, lms, all_drawn):
    site, module = all_drawn
    questions = questions_by_id(module)
    server = lms(site)
    frame = launch(page, server, "2004")
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    first, right_path, wrong_path = (frame.locator(f'[data-question="{q}"]')
                                     for q in ("q_s_route_act", "q_s_route_who", "q_s_route_signs"))
    expect(first).to_be_visible()
    expect(right_path).to_be_hidden()
    expect(wrong_path).to_be_hidden()
    answer(frame, questions["q_s_route_act"], correct=True)
    expect(right_path).to_be_visible()
    expect(wrong_path).to_be_hidden()
    answer(frame, questions["q_s_route_act"], correct=False)  # the learner changes their mind
    expect(wrong_path).to_be_visible()
    expect(right_path).to_be_hidden()
    drawn = answer_assessment(frame, module, correct={"q_s_route_act": False})
    assert "q_s_route_signs" in drawn and "q_s_route_who" not in drawn
    frame.get_by_role("button", name="Submit").click()
    percent = round((len(drawn) - 1) * 100 / len(drawn), 2)
    expect(frame.get_by_text(f"You scored {percent:g}%.", exact=False)).to_be_visible()
    frame.page.wait_for_function("window.lmsState()['cmi.interactions.0.id'] !== undefined")
    state = frame.page.evaluate("window.lmsState()")
    recorded = [state[f"cmi.interactions.{n}.id"] for n in range(len(drawn))]
    assert sorted(recorded) == sorted(drawn) and f"cmi.interactions.{len(drawn)}.id" not in state
