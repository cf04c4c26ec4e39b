"""Alternative accepted orders of a sequencing question: each must list every item once, and each becomes
one more salted key (player/answer_keys.py). The tests edit the sequencing question of the fixture that holds
every question type (tests/fixtures/every_question)."""

import pytest

from stce_scorm.check import check_module
from stce_scorm.player.answer_keys import digest, salt
from stce_scorm.player.data import sealed_question_data
from stce_scorm.source.loader import load_module

FINAL = "quizzes/final.yaml"
ITEMS = "          - {id: c, text: Contact the licensing authority}\n"


@pytest.fixture
def every_question(module_copy):
    return module_copy("every_question")


def test_an_order_missing_an_item_is_an_error_at_its_line(every_question):
    every_question.edit(FINAL, ITEMS, ITEMS + "        also_accepted:\n          - [a, c]\n          - [a, b, c]\n")
    module, problems = load_module(every_question.path)
    assert not problems
    found = [str(p) for p in check_module(module) if p.severity == "error"]
    assert len(found) == 2
    assert f"final.yaml:{every_question.line_of(FINAL, '- [a, c]')}:" in found[0]
    assert "an accepted order of 'q_order' does not list every item once (hint: list each of a, b, c exactly once)" in found[0]
    assert "this accepted order is the items' own order" in found[1]


def test_each_accepted_order_is_one_more_key(every_question):
    every_question.edit(FINAL, ITEMS, ITEMS + "        also_accepted: [[a, c, b]]\n")
    module, _ = load_module(every_question.path)
    question = next(q for q in module.all_questions() if q.id == "q_order")
    data = sealed_question_data(module, question, {})
    question_salt = salt("every_question", "1.0.0", "q_order")
    assert data["keys"] == [digest(question_salt, "a,b,c"), digest(question_salt, "a,c,b")]
    assert "orders" not in data and "reveal" in data
