"""Item-writing lint: each rule flags the cue it is about, at the question's line, with one reason; module.yaml
`quality.items` turns rules into errors or off; `check --items` prints the per-bank table. Each test adds its cue
to a copy of the smallest complete module (tests/fixtures/minimal)."""

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
L1 = "lessons/01-dual-use.md"


def lint(copy) -> list[str]:
    module, problems = load_module(copy.path)
    assert not problems, problems
    return [str(p) for p in check_items(module)]


def flagged(copy, rule: str) -> list[str]:
    return [p for p in lint(copy) if f" warning: {rule}: " in p]


def add_checks(copy, yaml_items: str) -> None:
    """Append knowledge-check questions (YAML list items, indented two spaces) to the module's file."""
    path = copy.path / KC
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + yaml_items, encoding="utf-8")


def single(id_, key="a", texts=("Alpha option", "Beta option", "Gamma option"), extra="") -> str:
    choices = "".join(f"      - {{id: {c}, text: {t}}}\n" for c, t in zip("abc", texts))
    return (f"  - id: {id_}\n    type: single_choice\n    prompt: Which one fits the case in this question?\n{extra}"
            f"    choices:\n{choices}    correct: {key}\n    feedback:\n      correct: Right, because it fits.\n"
            f"      incorrect: The right one is the option that fits the case.\n")


def test_the_example_is_clean(example_copy):
    # On the example itself: it teaches authors how to write items, so it must raise no cue.
    assert lint(example_copy) == []


def test_an_objective_short_of_its_blueprint_is_named_at_its_line(minimal_copy):
    minimal_copy.edit(FINAL, "pools:\n", "blueprint:\n  per_objective: 1\n  objectives: {o1_define: 2}\npools:\n")
    [only] = lint(minimal_copy)
    assert "under_tested: objective 'o1_define' has 1 question(s) in the assessment 'final', fewer than the 2" in only
    assert f"{L1}:{minimal_copy.line_of(L1, 'id: o1_define')}:" in only


def test_a_markedly_longest_key_is_flagged_at_its_correct_line(minimal_copy):
    minimal_copy.edit(FINAL, "A bag of rice sold to a food wholesaler abroad", "A bag of rice")
    minimal_copy.edit(FINAL, "A pair of leather shoes for a shop in town", "A pair of shoes")
    found = flagged(minimal_copy, "longest_key")
    assert len(found) == 1
    assert f"final.yaml:{minimal_copy.line_of(FINAL, 'correct: a')}:" in found[0]
    assert "the key of 'q_define' is markedly the longest option (52 characters, the longest wrong one 15)" in found[0]


def test_unshuffled_key_positions_are_flagged_and_shuffled_ones_are_harmless(minimal_copy):
    items = "".join(single(f"kc_pos_{n}", extra="    shuffle: false\n") for n in range(4))
    add_checks(minimal_copy, items + single("kc_pos_b", key="b"))
    found = flagged(minimal_copy, "key_positions")
    assert len(found) == 1 and "4 of the 4 unshuffled single-choice keys in the knowledge checks are option 1" in found[0]
    minimal_copy.edit(KC, items, "".join(single(f"kc_pos_{n}") for n in range(4)))
    assert flagged(minimal_copy, "key_positions") == []
    module, _ = load_module(minimal_copy.path)
    assert "key positions as written (1: 4, 2: 1); harmless: the player shuffles every one of them" in item_table(module)


def test_multiple_response_items_all_with_one_wrong_option(minimal_copy):
    item = ("  - id: kc_mr_{n}\n    type: multiple_response\n    prompt: Which of these apply here?\n    choices:\n"
            "      - {{id: a, text: First point}}\n      - {{id: b, text: Second point}}\n      - {{id: c, text: Third point}}\n"
            "    correct: [a, b]\n    feedback:\n      correct: Right, the first two apply.\n"
            "      incorrect: The first two apply; the third does not.\n")
    add_checks(minimal_copy, "".join(item.format(n=n) for n in range(3)))
    found = flagged(minimal_copy, "wrong_option_counts")
    assert len(found) == 1
    assert "all 3 multiple-response items in the knowledge checks have exactly 1 wrong option(s)" in found[0]


def test_true_false_absolutes_and_hedges_keyed_the_predictable_way(minimal_copy):
    tf = ("  - id: {id}\n    type: true_false\n    prompt: {prompt}\n    correct: {correct}\n    feedback:\n"
          "      correct: Right, and here is why it is so.\n      incorrect: Not so, and here is why it is not.\n")
    add_checks(minimal_copy, tf.format(id="kc_tf_always", prompt="Brokers always declare the end user.", correct="false")
               + tf.format(id="kc_tf_may", prompt="A licence may be needed for items on no list.", correct="true")
               + tf.format(id="kc_tf_fair", prompt="Brokers always declare the end user.", correct="true"))
    found = flagged(minimal_copy, "true_false_cues")
    assert len(found) == 2
    assert "'kc_tf_always' says 'always' and is false" in found[0]
    assert "'kc_tf_may' says 'may' and is true" in found[1]


def test_a_final_item_copied_from_a_knowledge_check(minimal_copy):
    final = (minimal_copy.path / FINAL).read_text(encoding="utf-8")
    q_define = final[final.index("      - id: q_define\n"):final.index("      - id: q_lists\n")]
    add_checks(minimal_copy, "".join(line[4:] + "\n" for line in q_define.splitlines()).replace("q_define", "kc_define", 1))
    found = flagged(minimal_copy, "near_duplicates")
    assert len(found) == 1 and "'q_define' is 100% the same text as knowledge check 'kc_define'" in found[0]


@settings(max_examples=300, deadline=None)
@given(st.text("abcde |", max_size=40), st.text("abcde |", max_size=40), st.floats(0.05, 1.0))
def test_the_quick_bound_never_hides_a_near_duplicate(a, b, similarity):
    """The fast pre-check may only skip pairs that difflib itself would find too different."""
    if difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= similarity:
        assert might_be_similar(a, b, similarity)


def test_the_quick_bound_skips_unrelated_texts():
    assert not might_be_similar("a machine tool for missile parts", "leather shoes for a shop", 0.85)
    assert might_be_similar("which item is a dual-use item?", "which item is a dual use item?", 0.85)


def test_feedback_identical_or_too_short(minimal_copy):
    minimal_copy.edit(FINAL, "incorrect: The lists name the items that need a licence, and each country may add items.",
                      "incorrect: Right. The lists name licensable items, and countries may add their own.")
    minimal_copy.edit(FINAL, "incorrect: A dual-use item has a civil use and a possible weapons use, like the machine tool.",
                      "incorrect: Wrong.")
    found = flagged(minimal_copy, "feedback")
    assert len(found) == 2
    assert any("'q_lists' gives the same feedback for a right and a wrong answer" in p for p in found)
    assert any("the feedback on a wrong answer to 'q_define' does not teach ('Wrong.')" in p for p in found)


def test_all_of_the_above_needs_shuffle_false(minimal_copy):
    minimal_copy.edit(FINAL, "{id: c, text: They name every good that crosses a border}", "{id: c, text: All of the above}")
    found = flagged(minimal_copy, "ordered_options")
    assert len(found) == 1 and "option 'c' of 'q_lists' refers to other options ('All of the above')" in found[0]
    assert f"final.yaml:{minimal_copy.line_of(FINAL, 'All of the above')}:" in found[0]
    minimal_copy.edit(FINAL, "    objective: o1_lists\n        prompt: Which are true of control lists?",
                      "    objective: o1_lists\n        shuffle: false\n        prompt: Which are true of control lists?")
    assert flagged(minimal_copy, "ordered_options") == []


def test_rules_become_errors_or_go_off_as_the_module_asks(minimal_copy):
    minimal_copy.edit(FINAL, "A bag of rice sold to a food wholesaler abroad", "A bag of rice")
    minimal_copy.edit(FINAL, "A pair of leather shoes for a shop in town", "A pair of shoes")
    (minimal_copy.path / "module.yaml").write_text((minimal_copy.path / "module.yaml").read_text()
                                                   + "quality:\n  items:\n    longest_key: error\n")
    with pytest.raises(ModuleError) as raised:
        load_and_check(minimal_copy.path)
    assert "error: longest_key: the key of 'q_define'" in raised.value.format_message()
    minimal_copy.edit("module.yaml", "longest_key: error", "longest_key: 'off'")
    assert lint(minimal_copy) == []


def test_check_items_prints_a_table_per_bank(minimal_copy):
    minimal_copy.edit(FINAL, "pools:\n", "blueprint:\n  per_objective: 1\npools:\n")
    result = CliRunner().invoke(main, ["check", "--items", str(minimal_copy.path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "== knowledge checks: 1 items" in out and "== assessment 'final': 2 items" in out
    assert "types: true_false 1\n" in out and "types: multiple_response 1, single_choice 1\n" in out
    assert "objectives: o1_lists 1\n" in out and "objectives: o1_define 1, o1_lists 1\n" in out
    header = next(line for line in out.splitlines() if line.startswith("id "))
    assert header.split() == ["id", "type", "objective", "key", "key/longest", "flags"]
    row = next(line for line in out.splitlines() if line.startswith("q_define "))
    assert row.split() == ["q_define", "single_choice", "o1_define", "1/3", "1.13", "-"]
    assert "no spare question for retakes (all drawn every time): o1_define (1 needed), o1_lists (1 needed)" in out
