"""Item-writing lint: each rule flags the cue it is about, at the question's line, with one reason; module.yaml
`quality.items` turns rules into errors or off; `check --items` prints the per-bank table."""

from __future__ import annotations

import difflib

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from stce_scorm.pipeline import load_and_check
from stce_scorm.check.item_table import item_table
from stce_scorm.check.items import check_items, might_be_similar
from stce_scorm.cli import main
from stce_scorm.errors import ModuleError
from stce_scorm.source.loader import load_module

KC = "quizzes/knowledge-checks.yaml"
FINAL = "quizzes/final.yaml"


def lint(copy) -> list[str]:
    module, problems = load_module(copy.path)
    assert not problems, problems
    return [str(p) for p in check_items(module)]


def flagged(copy, rule: str) -> list[str]:
    return [p for p in lint(copy) if f" warning: {rule}: " in p]


def add_checks(copy, yaml_items: str) -> None:
    """Append knowledge-check questions (YAML list items, indented two spaces) to the example's file."""
    path = copy.path / KC
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + yaml_items, encoding="utf-8")


def single(id_, key="a", texts=("Alpha option", "Beta option", "Gamma option"), extra="") -> str:
    choices = "".join(f"      - {{id: {c}, text: {t}}}\n" for c, t in zip("abc", texts))
    return (f"  - id: {id_}\n    type: single_choice\n    prompt: Which one fits the case in this question?\n{extra}"
            f"    choices:\n{choices}    correct: {key}\n    feedback:\n      correct: Right, because it fits.\n"
            f"      incorrect: The right one is the option that fits the case.\n")


def test_the_example_is_clean(example_copy):
    assert lint(example_copy) == []


def test_an_objective_short_of_its_blueprint_is_named_at_its_line(example_copy):
    example_copy.edit(FINAL, "per_objective: 1", "per_objective: 1\n  objectives: {o1_define: 2}")
    [only] = lint(example_copy)
    assert "under_tested: objective 'o1_define' has 1 question(s) in the assessment 'final', fewer than the 2" in only
    assert f"lessons/01-what-is-dual-use.md:{example_copy.line_of('lessons/01-what-is-dual-use.md', 'id: o1_define')}:" in only


def test_a_markedly_longest_key_is_flagged_at_its_correct_line(example_copy):
    example_copy.edit(FINAL, "A bag of rice sold to a food wholesaler abroad", "A bag of rice")
    example_copy.edit(FINAL, "A pair of leather shoes for a shop in a nearby country", "A pair of shoes")
    found = flagged(example_copy, "longest_key")
    assert len(found) == 1
    assert f"final.yaml:{example_copy.line_of(FINAL, 'correct: a')}:" in found[0]
    assert "the key of 'q_define' is markedly the longest option (61 characters, the longest wrong one 15)" in found[0]


def test_unshuffled_key_positions_are_flagged_and_shuffled_ones_are_harmless(example_copy):
    items = "".join(single(f"kc_pos_{n}", extra="    shuffle: false\n") for n in range(4))
    add_checks(example_copy, items)
    found = flagged(example_copy, "key_positions")
    assert len(found) == 1 and "4 of the 4 unshuffled single-choice keys in the knowledge checks are option 1" in found[0]
    example_copy.edit(KC, items, "".join(single(f"kc_pos_{n}") for n in range(4)))
    assert flagged(example_copy, "key_positions") == []
    module, _ = load_module(example_copy.path)
    assert "key positions as written (1: 4, 2: 1); harmless: the player shuffles every one of them" in item_table(module)


def test_multiple_response_items_all_with_one_wrong_option(example_copy):
    item = ("  - id: kc_mr_{n}\n    type: multiple_response\n    prompt: Which of these apply here?\n    choices:\n"
            "      - {{id: a, text: First point}}\n      - {{id: b, text: Second point}}\n      - {{id: c, text: Third point}}\n"
            "    correct: [a, b]\n    feedback:\n      correct: Right, the first two apply.\n"
            "      incorrect: The first two apply; the third does not.\n")
    add_checks(example_copy, "".join(item.format(n=n) for n in range(3)))
    found = flagged(example_copy, "wrong_option_counts")
    assert len(found) == 1
    assert "all 3 multiple-response items in the knowledge checks have exactly 1 wrong option(s)" in found[0]


def test_true_false_absolutes_and_hedges_keyed_the_predictable_way(example_copy):
    tf = ("  - id: {id}\n    type: true_false\n    prompt: {prompt}\n    correct: {correct}\n    feedback:\n"
          "      correct: Right, and here is why it is so.\n      incorrect: Not so, and here is why it is not.\n")
    add_checks(example_copy, tf.format(id="kc_tf_always", prompt="Brokers always declare the end user.", correct="false")
               + tf.format(id="kc_tf_may", prompt="A licence may be needed for items on no list.", correct="true")
               + tf.format(id="kc_tf_fair", prompt="Brokers always declare the end user.", correct="true"))
    found = flagged(example_copy, "true_false_cues")
    assert len(found) == 2
    assert "'kc_tf_always' says 'always' and is false" in found[0]
    assert "'kc_tf_may' says 'may' and is true" in found[1]


def test_a_final_item_copied_from_a_knowledge_check(example_copy):
    example_copy.edit(FINAL, "prompt: Which item is a dual-use item?",
                      "prompt: A declaration shows a vague description, an odd route and an unknown end user. "
                      "What do you do first?")
    example_copy.edit(KC, "text: Release the goods, because no single document proves a violation.",
                      "text: A machine tool that can make both car parts and missile parts")
    example_copy.edit(KC, "text: Hold the goods under national law and contact the licensing authority.",
                      "text: A bag of rice sold to a food wholesaler abroad")
    example_copy.edit(KC, "text: Destroy the goods at once, so that they can never reach the end user.",
                      "text: A pair of leather shoes for a shop in a nearby country")
    found = flagged(example_copy, "near_duplicates")
    assert len(found) == 1 and "'q_define' is 100% the same text as knowledge check 'kc_l2_act'" in found[0]


@settings(max_examples=300, deadline=None)
@given(st.text("abcde |", max_size=40), st.text("abcde |", max_size=40), st.floats(0.05, 1.0))
def test_the_quick_bound_never_hides_a_near_duplicate(a, b, similarity):
    """The fast pre-check may only skip pairs that difflib itself would find too different."""
    if difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= similarity:
        assert might_be_similar(a, b, similarity)


def test_the_quick_bound_skips_unrelated_texts():
    assert not might_be_similar("a machine tool for missile parts", "leather shoes for a shop", 0.85)
    assert might_be_similar("which item is a dual-use item?", "which item is a dual use item?", 0.85)


def test_feedback_identical_or_too_short(example_copy):
    example_copy.edit(FINAL, "correct: That is the order.\n          incorrect: First notice, then hold, then contact "
                             "the licensing authority.", "correct: That is the order.\n          incorrect: That is the order.")
    example_copy.edit(FINAL, "incorrect: The answer is \"control\", as in control list.", "incorrect: Wrong.")
    found = flagged(example_copy, "feedback")
    assert len(found) == 2
    assert any("'q_order' gives the same feedback for a right and a wrong answer" in p for p in found)
    assert any("the feedback on a wrong answer to 'q_list_term' does not teach ('Wrong.')" in p for p in found)


def test_all_of_the_above_needs_shuffle_false(example_copy):
    example_copy.edit(FINAL, "{id: c, text: A well-known end user in the same trade}", "{id: c, text: All of the above}")
    found = flagged(example_copy, "ordered_options")
    assert len(found) == 1 and "option 'c' of 'q_flags' refers to other options ('All of the above')" in found[0]
    assert f"final.yaml:{example_copy.line_of(FINAL, 'All of the above')}:" in found[0]
    example_copy.edit(FINAL, "    objective: o2_flags\n        prompt: Which of these are warning signs?",
                      "    objective: o2_flags\n        shuffle: false\n        prompt: Which of these are warning signs?")
    assert flagged(example_copy, "ordered_options") == []


def test_rules_become_errors_or_go_off_as_the_module_asks(example_copy):
    example_copy.edit(FINAL, "A bag of rice sold to a food wholesaler abroad", "A bag of rice")
    example_copy.edit(FINAL, "A pair of leather shoes for a shop in a nearby country", "A pair of shoes")
    (example_copy.path / "module.yaml").write_text((example_copy.path / "module.yaml").read_text()
                                                   + "quality:\n  items:\n    longest_key: error\n")
    with pytest.raises(ModuleError) as raised:
        load_and_check(example_copy.path)
    assert "error: longest_key: the key of 'q_define'" in raised.value.format_message()
    example_copy.edit("module.yaml", "longest_key: error", "longest_key: 'off'")
    assert lint(example_copy) == []


def test_check_items_prints_a_table_per_bank(example_copy):
    result = CliRunner().invoke(main, ["check", "--items", str(example_copy.path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "== knowledge checks: 3 items" in out and "== assessment 'final': 9 items" in out
    assert "types: fill_in 1, matching 1, multiple_response 2, numeric 1, sequencing 1, single_choice 2, true_false 1" in out
    assert "objectives: o1_define 1, o1_lists 2, o2_act 3, o2_flags 3" in out
    header = next(line for line in out.splitlines() if line.startswith("id "))
    assert header.split() == ["id", "type", "objective", "key", "key/longest", "flags"]
    row = next(line for line in out.splitlines() if line.startswith("q_define "))
    assert row.split() == ["q_define", "single_choice", "o1_define", "1/3", "1.13", "-"]
    assert "no spare question for retakes (all drawn every time): o1_define (1 needed)" in out
