import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stce_scorm.source import yaml_loader
from stce_scorm.source.yaml_loader import load_yaml
from tests.repo_paths import REPO


def test_positions_point_at_keys_and_items():
    located = load_yaml("id: x\nlessons:\n  - a.md\n  - b.md\n", "m.yaml")
    assert located.data == {"id": "x", "lessons": ["a.md", "b.md"]}
    assert (located.positions[("id",)].line, located.positions[("id",)].col) == (1, 1)
    assert located.positions[("lessons", 1)].line == 4
    assert located.pos(("lessons", 1, "missing")).line == 4  # nearest known ancestor


def test_yaml_12_booleans_keep_language_codes_as_text():
    located = load_yaml("language: no\nflag: yes\nreal: true\n", "m.yaml")
    assert located.data == {"language": "no", "flag": "yes", "real": True}


def test_duplicate_key_is_reported_at_its_line():
    located = load_yaml("title: a\nid: b\ntitle: c\n", "m.yaml")
    [problem] = located.problems
    assert str(problem).startswith("m.yaml:3:1: error: title: key 'title' appears twice")


def test_syntax_error_has_line_and_hint():
    located = load_yaml("title: a\n  bad: indent\n", "m.yaml", line_offset=1)
    [problem] = located.problems
    assert problem.pos.file == "m.yaml" and problem.pos.line == 3
    assert "YAML syntax error" in problem.message and problem.hint


# --- the LibYAML fast path gives what the pure-Python loader gives --------------------------------



def _pure(text: str, file: str = "m.yaml", line_offset: int = 0):
    """load_yaml with the LibYAML path switched off."""
    fast = yaml_loader._FastLoader
    yaml_loader._FastLoader = None
    try:
        return load_yaml(text, file, line_offset)
    finally:
        yaml_loader._FastLoader = fast


def test_libyaml_is_available():
    """The fast path is the one the benchmarks measure: PyYAML's wheels ship LibYAML."""
    assert yaml_loader._FastLoader is not None


@pytest.mark.parametrize("source", sorted(p.relative_to(REPO).as_posix() for p in
                                          (REPO / "modules" / "wmd_emerging_tech").rglob("*.yaml")))
def test_fast_path_gives_the_same_data_and_positions(source):
    text = (REPO / source).read_text(encoding="utf-8")
    fast, pure = load_yaml(text, source, 2), _pure(text, source, 2)
    assert fast.data == pure.data and not fast.problems
    assert fast.positions == pure.positions and fast.value_positions == pure.value_positions


BROKEN = {
    "tab": "title: a\n\tid: b\n",
    "unclosed quote": 'title: "a\nid: b\n',
    "anchor": "a: &x 1\nb: *x\n",
    "alias only": "a: *x\n",
    "deep": "a: " + "[" * 40 + "]" * 40 + "\n",
    "control character": "title: a\x07b\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "bad indent": "title: a\n  bad: indent\n",
    "explicit tag": "a: !!int x\n",
    "nan": "a: .nan\n",
    "duplicate key": "a: 1\na: 2\n",
    "key not plain": "? [a]\n: 1\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_yaml_is_reported_as_the_pure_loader_reports_it(name):
    fast, pure = load_yaml(BROKEN[name], "m.yaml", 3), _pure(BROKEN[name], "m.yaml", 3)
    assert fast.problems and [str(p) for p in fast.problems] == [str(p) for p in pure.problems]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab: -'\"[]{},#&*!|>?%@`\n\t1.\\")), max_size=60))
def test_any_text_loads_alike_on_both_paths(text):
    fast, pure = load_yaml(text, "m.yaml"), _pure(text, "m.yaml")
    assert [str(p) for p in fast.problems] == [str(p) for p in pure.problems]
    assert fast.data == pure.data and fast.positions == pure.positions
