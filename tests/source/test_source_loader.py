"""The loader reads a module with the position of every value, and points each error at its file, line and
column. The error tests break a copy of the smallest complete module (tests/fixtures/minimal)."""

from pathlib import Path

from repo_paths import EXAMPLE_MODULE
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Scenario


def test_example_module_loads_with_positions():
    # On the example: two lessons, page ids written and numbered, a scenario: the loader's whole shape at once.
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


def test_unknown_key_points_at_line_and_suggests(minimal_copy):
    minimal_copy.edit("module.yaml", "title: The smallest", "titel: The smallest")
    _, problems = load_module(minimal_copy.path)
    line = minimal_copy.line_of("module.yaml", "titel:")
    messages = [str(p) for p in problems]
    assert any(m.endswith(f"module.yaml:{line}:1: error: titel: unknown key 'titel' (hint: did you mean 'title'?)")
               for m in messages), messages
    assert any("required key 'title' is missing" in m for m in messages)


def test_question_field_errors_point_into_the_quiz_file(minimal_copy):
    minimal_copy.edit("quizzes/final.yaml", "correct: [a, b]", "correct: [a, b]\n        shuffled: yes")
    minimal_copy.edit("quizzes/final.yaml", "id: q_define", "id: Q-define")
    _, problems = load_module(minimal_copy.path)
    text = "\n".join(map(str, problems))
    assert f"final.yaml:{minimal_copy.line_of('quizzes/final.yaml', 'shuffled: yes')}:9: error" in text
    assert "unknown key 'shuffled'" in text
    assert f"final.yaml:{minimal_copy.line_of('quizzes/final.yaml', 'Q-define')}:" in text
    assert "'Q-define' is not allowed here" in text and "lower-case letters" in text


def test_unknown_question_type_lists_the_types(minimal_copy):
    minimal_copy.edit("quizzes/final.yaml", "type: multiple_response", "type: multiple_responses")
    _, problems = load_module(minimal_copy.path)
    [problem] = problems
    assert "unknown or missing question 'type'" in problem.message
    assert "multiple_response" in problem.hint and "numeric" in problem.hint


def test_lesson_without_front_matter_or_pages(minimal_copy):
    (minimal_copy.path / "lessons/01-dual-use.md").write_text("Just text.\n", encoding="utf-8")
    (minimal_copy.path / "lessons/02-no-pages.md").write_text(
        "---\nid: l2\ntitle: T\nminutes: 3\n---\nNo heading here.\n", encoding="utf-8")
    minimal_copy.edit("module.yaml", "  - lessons/01-dual-use.md\n", "  - lessons/01-dual-use.md\n  - lessons/02-no-pages.md\n")
    _, problems = load_module(minimal_copy.path)
    text = "\n".join(map(str, problems))
    assert "01-dual-use.md:1:1: error: the lesson has no front matter" in text
    assert "02-no-pages.md:6:1: error: the lesson has no pages" in text


def test_front_matter_errors_use_file_lines(minimal_copy):
    minimal_copy.edit("lessons/01-dual-use.md", "minutes: 5", "minutes: nine")
    _, problems = load_module(minimal_copy.path)
    [problem] = problems
    assert problem.pos.line == minimal_copy.line_of("lessons/01-dual-use.md", "minutes: nine")
    assert problem.key == "minutes"


def test_duplicate_page_ids(minimal_copy):
    minimal_copy.edit("lessons/01-dual-use.md", "# Control lists {#lists}", "# Control lists {#p1}")
    _, problems = load_module(minimal_copy.path)
    [problem] = problems
    assert "duplicate page id 'p1'" in problem.message
    assert problem.pos.line == minimal_copy.line_of("lessons/01-dual-use.md", "{#p1}")


def test_missing_lesson_file_and_unsafe_paths(minimal_copy, tmp_path: Path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\nid: x\n---\n", encoding="utf-8")
    (minimal_copy.path / "lessons" / "link.md").symlink_to(outside)
    minimal_copy.edit("module.yaml", "  - lessons/01-dual-use.md",
                      "  - lessons/01-dual-uses.md\n  - /etc/passwd\n  - ../outside.md\n  - lessons/link.md")
    _, problems = load_module(minimal_copy.path)
    text = "\n".join(map(str, problems))
    assert "file 'lessons/01-dual-uses.md' does not exist (hint: did you mean 'lessons/01-dual-use.md'?)" in text
    assert "'/etc/passwd' is an absolute path" in text
    assert "'../outside.md' leaves the module folder" in text
    assert "'lessons/link.md' is a link to a place outside the module" in text
    assert f"module.yaml:{minimal_copy.line_of('module.yaml', '/etc/passwd')}:5" in text


def test_version_may_carry_a_release_candidate_suffix(minimal_copy):
    minimal_copy.edit("module.yaml", "version: 1.0.0", "version: 1.0.0-rc.1")
    module, problems = load_module(minimal_copy.path)
    assert problems == [] and module.config.version == "1.0.0-rc.1"
    minimal_copy.edit("module.yaml", "version: 1.0.0-rc.1", "version: 1.0.0-")
    _, problems = load_module(minimal_copy.path)
    assert [p.key for p in problems] == ["version"]
