"""Answer keys are not in the page in plain text: the player grades against salted SHA-256 digests
(its own SHA-256 agrees with Python's hashlib), reveals a key only for an answered question, and still
reports the correct_responses pattern to the LMS after submission, in both SCORM versions."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from playwright.sync_api import expect

from learner import answer_assessment
from lms.lms_harness import interactions, launch
from repo_paths import EVERY_QUESTION, EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.player.answer_keys import PLAIN_KEYS, reveal

SECRET = "zq-overlooked-term"  # an accepted answer of the fixture found nowhere else in it


def page_config(site: Path) -> dict:
    """The player's data as the learner's browser gets it: index.html's, with each fragment's question
    details (pages/*.js) merged in."""
    html = (site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="stce-config">(.*?)</script>', html, re.S).group(1))
    details = {}
    for fragment in sorted((site / "pages").glob("*.js")):
        call = re.fullmatch(r'STCE\.fragment\("[\w-]+", (.*)\);\n', fragment.read_text(encoding="utf-8"), re.S)
        details |= json.loads(call.group(1))["questions"]
    for question in all_questions(config):
        question |= details.get(question["id"], {})
    return config


def all_questions(config: dict) -> list[dict]:
    found = list(config["questions"].values())
    for assessment in config["assessments"]:
        for pool in assessment["pools"]:
            for slot in pool["questions"]:
                found += slot["questions"] if slot["type"] == "scenario" else [slot]
    return found


def test_the_page_holds_no_plain_key(built_site):
    site = built_site(EVERY_QUESTION, "2004")
    files = [path for path in site.rglob("*") if path.suffix in (".html", ".js", ".xml")]
    assert {"index.html", "all-pages.html", "player/player.js", "pages/assessment-final.js"} <= {
        path.relative_to(site).as_posix() for path in files}
    for path in files:
        assert SECRET not in path.read_text(encoding="utf-8"), path
    questions = all_questions(page_config(site))
    assert len(questions) == 12  # every knowledge check and assessment question, document inspection included
    for question in questions:
        assert not set(PLAIN_KEYS) & set(question), question["id"]
        assert re.fullmatch(r"[0-9a-f]{16}", question["salt"]) and question["keys"] or question.get("range")
    fill = next(q for q in questions if q["id"] == "q_list_term")
    assert reveal(fill["salt"], fill["reveal"]) == {"accepted": ["control", SECRET]}


def test_the_players_sha256_agrees_with_hashlib(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    texts = ["", "abc", "a" * 55, "b" * 56, "c" * 64, "d" * 119, "end user", "état – ١٢٣ – 漢字 – 🙂", "x" * 1000]
    digests = page.evaluate("texts => texts.map(t => STCE.keys.hex(STCE.keys.sha256(STCE.keys.utf8(t))))", texts)
    assert digests == [hashlib.sha256(t.encode()).hexdigest() for t in texts]


def test_graded_by_hash_and_revealed_only_once_answered(page, lms, built_site, version):
    module, _ = load_module(EVERY_QUESTION)
    server = lms(built_site(EVERY_QUESTION, version))
    frame = launch(page, server, version)
    check = frame.locator('[data-question="kc_l2_act"]')
    expect(check.locator(".choice-correct")).to_have_count(0)  # nothing marked before the learner answers
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    answer_assessment(frame, module, correct=True)
    box = frame.locator('[data-question="q_list_term"]')
    box.get_by_role("textbox", name="Your answer").fill("  ZQ-Overlooked-TERM ")
    frame.get_by_role("heading", level=1, name="Final check").click()
    expect(box.locator("[data-answer-review]")).to_be_hidden()
    frame.get_by_role("button", name="Submit").click()
    expect(frame.locator("[data-results-score]")).to_have_text("You scored 100%. You passed.")
    expect(box.locator("[data-answer-review]")).to_have_text("Your answer: ZQ-Overlooked-TERM Correct answer: control")
    records = interactions(wait_for(server, lambda s: len(interactions(s)) >= 8))
    fill = next(r for r in records if r["id"] == "q_list_term")
    assert fill["correct_responses.0.pattern"] == "control" and fill["result"] == "correct"
    assert fill["student_response" if version == "1.2" else "learner_response"] == "ZQ-Overlooked-TERM"
    single = next(r for r in records if r["id"] == "q_define")
    assert single["correct_responses.0.pattern"] == "q_define_a" and single["result"] == "correct"


def wait_for(server, predicate, timeout: float = 6.0) -> dict[str, str]:
    return server.wait_until_stored(predicate, timeout=timeout)


