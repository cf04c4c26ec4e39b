"""The assessment against scorm-again as the LMS, in both SCORM versions: scores, statuses, and every
interaction field the LMS holds, checked against Moodle's own validation rules."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from learner import answer, answer_assessment, put_in_order, questions_by_id
from lms.lms_harness import interactions, launch, wait_until_saved
from lms.moodle_rules import moodle_accepts
from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module

MODULE, _ = load_module(EXAMPLE_MODULE)
QUESTIONS = questions_by_id(MODULE)
TYPES = {"single_choice": "choice", "multiple_response": "choice", "true_false": "true-false",
         "fill_in": "fill-in", "numeric": "numeric", "matching": "matching", "sequencing": "sequencing"}
RESPONSE = {"1.2": "student_response", "2004": "learner_response"}
RAW = {"1.2": "cmi.core.score.raw", "2004": "cmi.score.raw"}
SHORT_ID = re.compile(r"^[\w.]{1,250}$")




def wait_for(server, predicate, timeout: float = 6.0) -> dict[str, str]:
    return server.wait_until_stored(predicate, timeout=timeout)



# What a question shows as answered: checked boxes, typed text, chosen options, and the item order.
ANSWER_SIGNATURE = """box => JSON.stringify([
  [...box.querySelectorAll("input")].map(i => i.type === "text" ? i.value : i.checked),
  [...box.querySelectorAll("select")].map(s => s.value),
  [...box.querySelectorAll("[data-item]")].map(li => li.dataset.item)])"""


def drawn_questions(frame) -> list[str]:
    """Ids of the questions this attempt shows now, in order (a scenario's questions on the path so far)."""
    return frame.locator("[data-slot]:visible [data-question]:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('data-question'))")


def start(frame) -> None:
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()


def submit(frame) -> None:
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_role("heading", name="Your result")).to_be_visible()


def check_records(records: list[dict[str, str]], drawn: list[str], right: set[str], version: str) -> None:
    """Every field of every interaction: present, in this version's syntax, and accepted by Moodle."""
    assert [r["id"] for r in records] == drawn
    for record in records:
        question = QUESTIONS[record["id"]]
        assert record["type"] == TYPES[question.type]
        assert record["result"] == ("correct" if record["id"] in right else "wrong" if version == "1.2" else "incorrect")
        assert record["weighting"] == "1"
        assert record["objectives.0.id"] == question.objective
        assert "correct_responses.0.pattern" in record
        for field, value in record.items():
            kind = record["type"] if field == "learner_response" else None
            assert moodle_accepts(f"cmi.interactions.0.{field}", value, version, interaction_type=kind), (field, value)
        if version == "2004":
            assert record["description"] == " ".join(question.prompt.split())
            assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$", record["timestamp"])
            separator = {"choice": "[,]", "sequencing": "[,]", "matching": "[,]"}.get(record["type"])
            if separator and record["type"] != "matching":
                assert all(SHORT_ID.match(part) for part in record["learner_response"].split(separator))
        else:
            assert re.match(r"^\d\d:\d\d:\d\d$", record["time"])
        if question.type == "sequencing":
            ids = [f"{question.id}_{item.id}" for item in question.items]
            assert record["correct_responses.0.pattern"] == ("[,]" if version == "2004" else ",").join(ids)
        if question.type == "matching":
            pairs = [f"{question.id}_{p.id}{'[.]' if version == '2004' else '.'}{question.id}_{p.id}" for p in question.pairs]
            assert record["correct_responses.0.pattern"] == ("[,]" if version == "2004" else ",").join(pairs)
        if question.type == "true_false":
            expected = {"1.2": {True: "t", False: "f"}, "2004": {True: "true", False: "false"}}[version]
            assert record["correct_responses.0.pattern"] == expected[question.correct]


def test_all_right_all_wrong_and_partly_right(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    start(frame)
    drawn = answer_assessment(frame, MODULE, correct=False)
    submit(frame)
    expect(frame.get_by_text("You scored 0%. The pass mark is 80%.")).to_be_visible()
    stored = wait_for(server, lambda s: len(interactions(s)) == len(drawn) and s.get(RAW[version]) == "0")
    check_records(interactions(stored), drawn, set(), version)

    frame.get_by_role("button", name="Try again").click()
    first_two = drawn_questions(frame)[:2]  # two wrong, the rest right: below the pass mark
    drawn2 = answer_assessment(frame, MODULE, correct={q: q not in first_two for q in QUESTIONS})
    submit(frame)
    percent = round((len(drawn2) - 2) * 100 / len(drawn2), 2)
    shown = frame.locator("[data-results-score]").inner_text()
    assert shown == f"You scored {percent:g}%. The pass mark is 80%.", (shown, first_two, drawn2)
    stored = wait_for(server, lambda s: len(interactions(s)) == len(drawn) + len(drawn2))
    check_records(interactions(stored)[len(drawn):], drawn2, set(drawn2) - set(first_two), version)
    assert stored[RAW[version]] == f"{percent:g}"  # the best score so far

    frame.get_by_role("button", name="Try again").click()
    drawn3 = answer_assessment(frame, MODULE, correct=True)
    submit(frame)
    expect(frame.get_by_text("You scored 100%. You passed.")).to_be_visible()
    stored = wait_for(server, lambda s: s.get(RAW[version]) == "100")
    check_records(interactions(stored)[len(drawn) + len(drawn2):], drawn3, set(drawn3), version)
    objectives = {stored[f"cmi.objectives.{n}.id"]: n for n in range(4)}
    assert list(objectives) == ["o1_define", "o1_lists", "o2_flags", "o2_act"]
    status = "status" if version == "1.2" else "success_status"
    tested = {QUESTIONS[q].objective for q in drawn3}
    for objective in tested:
        assert stored[f"cmi.objectives.{objectives[objective]}.score.raw"] == "100"
        assert stored[f"cmi.objectives.{objectives[objective]}.{status}"] == "passed"
    expect(frame.get_by_role("button", name="Try again")).to_be_hidden()
    expect(frame.get_by_text("Attempt 3 of 3")).to_be_visible()


def test_resume_mid_assessment_restores_draw_order_and_answers(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    start(frame)
    slots = frame.locator("[data-slot]:visible").evaluate_all("els => els.map(e => e.getAttribute('data-slot'))")
    choices = frame.locator("[data-slot]:visible [data-choice]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-choice'))")
    first = QUESTIONS.get(slots[0]) or next(q for q in MODULE.all_questions() if q.id.startswith("q_s_"))
    answer(frame, first, correct=True)
    frame.get_by_role("heading", level=1, name="Final check").click()  # leave the field: the answer is kept
    answered = frame.locator(f'[data-question="{first.id}"]').evaluate(ANSWER_SIGNATURE)
    wait_until_saved(page, server)  # the throttled commit of the answer went out
    page.close(run_before_unload=True)
    server.wait_for_commits(1, final=True)

    relaunched = page.context.new_page()
    frame = launch(relaunched, server, version)
    expect(frame.get_by_role("heading", level=1, name="Final check")).to_be_visible()
    assert frame.locator("[data-slot]:visible").evaluate_all("els => els.map(e => e.getAttribute('data-slot'))") == slots
    assert frame.locator("[data-slot]:visible [data-choice]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-choice'))") == choices
    expect(frame.get_by_text("Attempt 1 of 3")).to_be_visible()
    assert frame.locator(f'[data-question="{first.id}"]').evaluate(ANSWER_SIGNATURE) == answered


def test_a_used_up_attempt_limit_holds_after_relaunch(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    start(frame)
    for attempt in range(3):
        answer_assessment(frame, MODULE, correct=False)
        submit(frame)
        if attempt < 2:
            frame.get_by_role("button", name="Try again").click()
    expect(frame.get_by_text("You have used all your attempts.")).to_be_visible()
    page.close(run_before_unload=True)
    server.wait_for_commits(1, final=True)
    relaunched = page.context.new_page()
    frame = launch(relaunched, server, version)
    expect(frame.get_by_text("You have used all your attempts.")).to_be_visible()
    expect(frame.get_by_role("button", name="Start the assessment")).to_be_hidden()
    expect(frame.get_by_role("button", name="Try again")).to_be_hidden()


def test_matching_and_sequencing_with_the_keyboard_alone(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").focus()
    frame.page.keyboard.press("Enter")
    frame.get_by_role("button", name="Start the assessment").focus()
    frame.page.keyboard.press("Enter")
    matching = QUESTIONS["q_match"]
    box = frame.locator('[data-question="q_match"]')
    if box.is_visible():
        targets = sorted(p.target for p in matching.pairs)
        for pair in matching.pairs:
            combo = box.get_by_role("combobox", name=pair.source)
            combo.focus()
            for _ in range(targets.index(pair.target) + 1):
                frame.page.keyboard.press("ArrowDown")
        assert [box.get_by_role("combobox", name=p.source).input_value() for p in matching.pairs] == \
            [p.id for p in matching.pairs]
    sequencing = QUESTIONS["q_order"]
    box = frame.locator('[data-question="q_order"]')
    if box.is_visible():
        put_in_order(box, [item.text for item in sequencing.items])
        assert box.locator("[data-item]").evaluate_all("els => els.map(e => e.dataset.item)") == \
            [item.id for item in sequencing.items]
    assert frame.locator('[data-question="q_match"]').is_visible() or frame.locator('[data-question="q_order"]').is_visible()
