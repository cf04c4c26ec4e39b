from pathlib import Path

from repo_paths import EXAMPLE_MODULE
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Scenario


def test_example_module_loads_with_positions():
    module, problems = load_module(EXAMPLE_MODULE)
    assert problems == []
    assert module.config.scorm == ["1.2", "2004"]  # YAML numbers read as version names
    assert [lesson.id for lesson in module.lessons] == ["l1_dual_use", "l2_border"]
    assert [page.id for page in module.lessons[0].pages] == ["p1", "lists"]
    assert module.lessons[0].pages[1].title == "Control lists"  # the {#id} is not part of the title
    lesson_lines = (EXAMPLE_MODULE / "lessons/01-what-is-dual-use.md").read_text().splitlines()
    assert lesson_lines[module.lessons[0].pages[1].first_line - 1] == "# Control lists {#lists}"
    assert module.lessons[0].pages[1].body.lstrip().startswith("Governments publish")
    pool = module.assessments[0].pools[0]
    assert pool.questions[1].pos.file.endswith("quizzes/final.yaml") and pool.questions[1].pos.line == 24
    assert isinstance(pool.questions[-1], Scenario)
    assert {q.id for q in module.all_questions()} >= {"kc_l1_list", "q_s_route_act"}


def test_unknown_key_points_at_line_and_suggests(example_copy):
    example_copy.edit("module.yaml", "title: Dual", "titel: Dual")
    _, problems = load_module(example_copy.path)
    line = example_copy.line_of("module.yaml", "titel:")
    messages = [str(p) for p in problems]
    assert any(m.endswith(f"module.yaml:{line}:1: error: titel: unknown key 'titel' (hint: did you mean 'title'?)")
               for m in messages), messages
    assert any("required key 'title' is missing" in m for m in messages)


def test_question_field_errors_point_into_the_quiz_file(example_copy):
    example_copy.edit("quizzes/final.yaml", "correct: [a, b]", "correct: [a, b]\n        shuffled: yes")
    example_copy.edit("quizzes/final.yaml", "id: q_define", "id: Q-define")
    _, problems = load_module(example_copy.path)
    text = "\n".join(map(str, problems))
    assert f"final.yaml:{example_copy.line_of('quizzes/final.yaml', 'shuffled: yes')}:9: error" in text
    assert "unknown key 'shuffled'" in text
    assert f"final.yaml:{example_copy.line_of('quizzes/final.yaml', 'Q-define')}:" in text
    assert "'Q-define' is not allowed here" in text and "lower-case letters" in text


def test_unknown_question_type_lists_the_types(example_copy):
    example_copy.edit("quizzes/final.yaml", "type: numeric", "type: numerical")
    _, problems = load_module(example_copy.path)
    [problem] = problems
    assert "unknown or missing question 'type'" in problem.message and "numeric" in problem.hint


def test_lesson_without_front_matter_or_pages(example_copy):
    (example_copy.path / "lessons/01-what-is-dual-use.md").write_text("Just text.\n", encoding="utf-8")
    (example_copy.path / "lessons/02-at-the-border.md").write_text(
        "---\nid: l2\ntitle: T\nminutes: 3\n---\nNo heading here.\n", encoding="utf-8")
    _, problems = load_module(example_copy.path)
    text = "\n".join(map(str, problems))
    assert "01-what-is-dual-use.md:1:1: error: the lesson has no front matter" in text
    assert "02-at-the-border.md:6:1: error: the lesson has no pages" in text


def test_front_matter_errors_use_file_lines(example_copy):
    example_copy.edit("lessons/02-at-the-border.md", "minutes: 9", "minutes: nine")
    _, problems = load_module(example_copy.path)
    [problem] = problems
    assert problem.pos.line == example_copy.line_of("lessons/02-at-the-border.md", "minutes: nine")
    assert problem.key == "minutes"


def test_duplicate_page_ids(example_copy):
    example_copy.edit("lessons/02-at-the-border.md", "# What you do {#act}", "# What you do {#p1}")
    _, problems = load_module(example_copy.path)
    [problem] = problems
    assert "duplicate page id 'p1'" in problem.message
    assert problem.pos.line == example_copy.line_of("lessons/02-at-the-border.md", "{#p1}")


def test_missing_lesson_file_and_unsafe_paths(example_copy, tmp_path: Path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\nid: x\n---\n", encoding="utf-8")
    (example_copy.path / "lessons" / "link.md").symlink_to(outside)
    example_copy.edit("module.yaml", "  - lessons/02-at-the-border.md",
                      "  - lessons/02-at-the-bordr.md\n  - /etc/passwd\n  - ../outside.md\n  - lessons/link.md")
    _, problems = load_module(example_copy.path)
    text = "\n".join(map(str, problems))
    assert "file 'lessons/02-at-the-bordr.md' does not exist (hint: did you mean 'lessons/02-at-the-border.md'?)" in text
    assert "'/etc/passwd' is an absolute path" in text
    assert "'../outside.md' leaves the module folder" in text
    assert "'lessons/link.md' is a link to a place outside the module" in text
    assert f"module.yaml:{example_copy.line_of('module.yaml', '/etc/passwd')}:5" in text


def test_version_may_carry_a_release_candidate_suffix(example_copy):
    example_copy.edit("module.yaml", "version: 1.0.0", "version: 1.0.0-rc.1")
    module, problems = load_module(example_copy.path)
    assert problems == [] and module.config.version == "1.0.0-rc.1"
    example_copy.edit("module.yaml", "version: 1.0.0-rc.1", "version: 1.0.0-")
    _, problems = load_module(example_copy.path)
    assert [p.key for p in problems] == ["version"]
