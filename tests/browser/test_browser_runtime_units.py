"""Unit tests of the player's scoring and of each SCORM adapter's interaction encoding, for every
question type, run in real Chromium on the built player (the code learners get), and checked
against Moodle's own validation of each field."""

from __future__ import annotations


import pytest

from lms.moodle_rules import moodle_accepts
from repo_paths import EXAMPLE_MODULE
from stce_scorm.player.answer_keys import salt, seal

QUESTIONS = {
    "single": {"id": "q1", "type": "single_choice", "choices": ["a", "b", "c"], "correct": [1], "points": 1,
               "objective": "o1", "description": "Pick one"},
    "multiple": {"id": "q2", "type": "multiple_response", "choices": ["a", "b", "c"], "correct": [0, 2], "points": 2,
                 "objective": "o1", "description": "Pick all"},
    "tf": {"id": "q3", "type": "true_false", "correct": False, "points": 1, "objective": "o1", "description": "T/F"},
    "fill": {"id": "q4", "type": "fill_in", "accepted": ["End user", "end-user"], "caseSensitive": False, "points": 1,
             "objective": "o2", "description": "Fill"},
    "fill_cs": {"id": "q5", "type": "fill_in", "accepted": ["HS"], "caseSensitive": True, "points": 1,
                "objective": "o2", "description": "Fill, case"},
    "numeric": {"id": "q6", "type": "numeric", "min": 2.5, "max": 3.5, "points": 1, "objective": "o2",
                "description": "Number"},
    "matching": {"id": "q7", "type": "matching", "pairs": ["a", "b", "c"], "points": 1, "objective": "o3",
                 "description": "Match"},
    "sequencing": {"id": "q8", "type": "sequencing", "items": ["a", "b", "c"], "points": 1, "objective": "o3",
                   "description": "Order"},
    # As many entries as the checker allows (36): selecting them all is the longest response an LMS gets.
    "documents": {"id": "q9", "type": "document_inspection", "entries": [f"a.f{n:02}" for n in range(36)],
                  "correct": [0, 7], "points": 1, "objective": "o3", "description": "Inspect"},
}

# The page holds question data with sealed keys (player/answer_keys.py), as a build writes it.
QUESTIONS = {name: seal(data, salt("units", "1.0.0", data["id"])) for name, data in QUESTIONS.items()}

# (question, response, correct?) — right, partly right and wrong answers of each type.
CASES = [
    ("single", 1, True), ("single", 0, False),
    ("multiple", [0, 2], True), ("multiple", [0], False), ("multiple", [0, 1, 2], False),
    ("tf", False, True), ("tf", True, False),
    ("fill", "  end   USER ", True), ("fill", "end-user", True), ("fill", "user", False),
    ("fill_cs", "HS", True), ("fill_cs", "hs", False),
    ("numeric", "3", True), ("numeric", "2,5", True), ("numeric", "3.6", False), ("numeric", "three", False),
    ("numeric", "\u0663", True),  # Arabic-Indic digit three
    ("matching", [0, 1, 2], True), ("matching", [0, 2, 1], False), ("matching", [0, 1, None], False),
    ("sequencing", [0, 1, 2], True), ("sequencing", [1, 0, 2], False),
    ("documents", [0, 7], True), ("documents", [0], False), ("documents", list(range(36)), False),
]

# The package's SCORM model: the one tracker that is not the fallback (each package registers its own).
SCORM_MODEL = "STCE.trackers.find(t => !t.fallback).model"

ENCODE_JS = """([version, question, response]) => {
  const calls = [];
  const session = { set: (element, value) => { calls.push([element, String(value)]); return true; } };
  const record = STCE.interactionRecord(question, response === null ? undefined : response, 1530, new Date(Date.UTC(2026, 10, 28, 9, 5, 7, 120)));
  const model = """ + SCORM_MODEL + """;
  if (model.name !== "scorm" + version.replace(".", "")) throw new Error("package of another version: " + model.name);
  model.interaction(session, "cmi.interactions.0.", record);
  return calls;
}"""


@pytest.fixture(scope="module")
def player(version, browser, built_site, serve):
    """One loaded player per SCORM version for the whole file: these tests only call its functions."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(built_site(EXAMPLE_MODULE, version)) + "/index.html")
    yield page, version
    context.close()


@pytest.mark.parametrize("name, response, expected", CASES)
def test_scoring(player, name, response, expected):
    page, _ = player
    assert page.evaluate("([q, r]) => STCE.questions.isCorrect(q, r)", [QUESTIONS[name], response]) is expected


@pytest.mark.parametrize("name, response, expected", CASES)
def test_interaction_encoding_is_valid_for_moodle(player, name, response, expected):
    page, version = player
    calls = page.evaluate(ENCODE_JS, [version, QUESTIONS[name], response])
    fields = dict((element.removeprefix("cmi.interactions.0."), value) for element, value in calls)
    order = [element.removeprefix("cmi.interactions.0.") for element, _ in calls]
    assert order[0] == "id"
    response_field = "student_response" if version == "1.2" else "learner_response"
    if response_field in order:
        assert order.index("type") < order.index(response_field)  # Moodle answers 408 otherwise
    assert fields["result"] == ("correct" if expected else "wrong" if version == "1.2" else "incorrect")
    for element, value in calls:
        kind = fields["type"] if element.endswith("learner_response") else None
        assert moodle_accepts(element, value, version, interaction_type=kind), (element, value)


EXPECTED_PATTERNS = {
    ("single", "1.2"): "q1_b", ("single", "2004"): "q1_b",
    ("multiple", "1.2"): "q2_a,q2_c", ("multiple", "2004"): "q2_a[,]q2_c",
    ("tf", "1.2"): "f", ("tf", "2004"): "false",
    ("fill_cs", "1.2"): "HS", ("fill_cs", "2004"): "{case_matters=true}HS",
    ("numeric", "1.2"): None, ("numeric", "2004"): "2.5[:]3.5",
    ("matching", "1.2"): "q7_a.q7_a,q7_b.q7_b,q7_c.q7_c", ("matching", "2004"): "q7_a[.]q7_a[,]q7_b[.]q7_b[,]q7_c[.]q7_c",
    ("sequencing", "1.2"): "q8_a,q8_b,q8_c", ("sequencing", "2004"): "q8_a[,]q8_b[,]q8_c",
    ("documents", "1.2"): "a.f00,a.f07", ("documents", "2004"): "a.f00[,]a.f07",
}


@pytest.mark.parametrize("name", ["single", "multiple", "tf", "fill_cs", "numeric", "matching", "sequencing",
                                  "documents"])
def test_correct_response_patterns(player, name):
    page, version = player
    calls = dict(page.evaluate(ENCODE_JS, [version, QUESTIONS[name], None]))
    pattern = calls.get("cmi.interactions.0.correct_responses.0.pattern")
    assert pattern == EXPECTED_PATTERNS[(name, version)]  # 1.2 has no numeric range syntax: no pattern
    assert "cmi.interactions.0." + ("student_response" if version == "1.2" else "learner_response") not in calls


def test_fill_in_lists_every_accepted_answer_and_times_are_in_each_format(player):
    page, version = player
    calls = dict(page.evaluate(ENCODE_JS, [version, QUESTIONS["fill"], "end user"]))
    assert [calls[f"cmi.interactions.0.correct_responses.{n}.pattern"] for n in (0, 1)] == ["End user", "end-user"]
    if version == "1.2":
        assert calls["cmi.interactions.0.latency"] == "00:00:01.53"
        assert len(calls["cmi.interactions.0.time"]) == 8
    else:
        assert calls["cmi.interactions.0.latency"] == "PT1.53S"
        assert calls["cmi.interactions.0.timestamp"] == "2026-11-28T09:05:07.12Z"
        assert calls["cmi.interactions.0.description"] == "Fill"


@pytest.mark.parametrize("ms, v12, v2004", [
    (0, "00:00:00.00", "PT0S"), (1234, "00:00:01.23", "PT1.23S"), (61_000, "00:01:01.00", "PT1M1S"),
    (3_723_450, "01:02:03.45", "PT1H2M3.45S"), (360_000_000, "100:00:00.00", "PT100H0S"),
])
def test_session_time_formats(player, ms, v12, v2004):
    page, version = player
    expected, element = (v12, "cmi.core.session_time") if version == "1.2" else (v2004, "cmi.session_time")
    assert page.evaluate(f"ms => {SCORM_MODEL}.duration(ms)", ms) == expected
    assert moodle_accepts(element, expected, version)
