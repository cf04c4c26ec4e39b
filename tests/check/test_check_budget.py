"""The suspend_data budget: a module whose saved state could exceed a SCORM version's limit fails that build.
The tests fill the smallest complete module (tests/fixtures/minimal) with questions."""

import pytest

from stce_scorm import ModuleError, build
from stce_scorm.player import player_contract
from stce_scorm.source.loader import load_module

FILL_IN = """
      - id: q_fill_{n}
        type: fill_in
        objective: o1_lists
        prompt: Type the word number {n}.
        accepted: [control]
        feedback: {{correct: Yes., incorrect: The word is control.}}
"""


def with_fill_ins(copy, count: int):
    """Add `count` fill-in questions to the module's pool, which draws all its questions."""
    extra = "".join(FILL_IN.format(n=n) for n in range(count))
    copy.edit("quizzes/final.yaml", "    questions:\n", "    questions:\n" + extra)
    return copy


def test_a_module_that_can_exceed_4096_fails_its_scorm_12_build(minimal_copy, tmp_path):
    with_fill_ins(minimal_copy, 26)
    module, _ = load_module(minimal_copy.path)
    assert 4096 < player_contract(module).state_length < 64000
    with pytest.raises(ModuleError) as raised:
        build(minimal_copy.path, tmp_path / "out", cache_dir=tmp_path / "cache")
    message = raised.value.format_message()
    line = minimal_copy.line_of("module.yaml", "scorm: [")
    assert f"module.yaml:{line}:1: error: scorm: the learner's saved state can reach" in message
    assert "more than SCORM 1.2 keeps (4,096)" in message and "2004" not in message.split("hint:")[0]
    assert not (tmp_path / "out").exists()
    # The same module builds for SCORM 2004 alone, whose limit is 64,000.
    result = build(minimal_copy.path, tmp_path / "out", versions=["2004"], cache_dir=tmp_path / "cache")
    assert [p.version for p in result.packages] == ["2004"]
