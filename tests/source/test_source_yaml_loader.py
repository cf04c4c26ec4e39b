from stce_scorm.source.yaml_loader import load_yaml


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
