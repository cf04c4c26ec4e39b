"""Each class of mistake an author can make yields one error at the right file and line. Each test breaks a
copy of the smallest complete module (tests/fixtures/minimal), or of the fixture that holds what it breaks."""

from stce_scorm.check import check_module
from stce_scorm.source.loader import load_module

L1 = "lessons/01-dual-use.md"
FINAL = "quizzes/final.yaml"


def errors_of(copy) -> list[str]:
    module, problems = load_module(copy.path)
    assert module is not None, problems
    assert not problems, problems
    return [str(p) for p in check_module(module) if p.severity == "error"]


def only_error(copy) -> str:
    errors = errors_of(copy)
    assert len(errors) == 1, errors
    return errors[0]


def test_example_module_has_no_problems(example_copy):
    # On the example itself: it teaches authors, so it must check clean.
    module, problems = load_module(example_copy.path)
    assert problems == [] and check_module(module) == []


def test_duplicate_question_id(minimal_copy):
    minimal_copy.edit(FINAL, "id: q_lists", "id: q_define")
    error = only_error(minimal_copy)
    assert f"final.yaml:{minimal_copy.line_of(FINAL, 'multiple_response') - 1}:" in error
    assert "question id 'q_define' is already used by a question at" in error


def test_unknown_objective(minimal_copy):
    minimal_copy.edit(FINAL, "objective: o1_lists", "objective: o1_list")
    error = only_error(minimal_copy)
    assert f"final.yaml:{minimal_copy.line_of(FINAL, 'o1_list')}:" in error
    assert "objective 'o1_list' is not defined in any lesson (hint: did you mean 'o1_lists'?)" in error


def test_unknown_knowledge_check_and_glossary_term(minimal_copy):
    minimal_copy.edit(L1, "::: check kc_l1_list", "::: check kc_l1_lists")
    minimal_copy.edit(L1, "[[dual-use items|dual_use]]", "[[dual-use itmes]]")
    errors = errors_of(minimal_copy)
    assert any(f"{L1}:{minimal_copy.line_of(L1, 'kc_l1_lists')}:1: error: knowledge check 'kc_l1_lists' is not defined"
               in e for e in errors), errors
    assert any(f"{L1}:{minimal_copy.line_of(L1, 'dual-use itmes')}:" in e
               and "glossary term 'dual-use itmes' is not defined" in e for e in errors), errors


def test_missing_media_and_missing_alt(minimal_copy):
    minimal_copy.edit(L1, "![A simple machine tool drawn as a box with a spindle and a work table.](media/machine-tool.svg)",
                      "![](media/machine-tools.svg)")
    errors = errors_of(minimal_copy)
    line = minimal_copy.line_of(L1, "machine-tools.svg")
    assert any(f"{L1}:{line}:" in e and "has no alt text" in e for e in errors), errors
    assert any(f"{L1}:{line}:" in e and "image 'media/machine-tools.svg' does not exist" in e
               and "did you mean 'media/machine-tool.svg'" in e for e in errors), errors


def test_answer_key_not_a_choice(minimal_copy):
    minimal_copy.edit(FINAL, "correct: [a, b]", "correct: [a, d]")
    error = only_error(minimal_copy)
    assert f"final.yaml:{minimal_copy.line_of(FINAL, 'correct: [a, d]')}:" in error
    assert "answer key 'd' is not one of the choices (hint: use one of: a, b, c)" in error


def test_draw_larger_than_pool(minimal_copy):
    minimal_copy.edit(FINAL, "  - id: core\n", "  - id: core\n    draw: 60\n")
    error = only_error(minimal_copy)
    assert "pool 'core' draws 60 questions but holds only 2" in error


def test_html_the_sanitiser_would_strip(minimal_copy):
    minimal_copy.edit(L1, "The goods look the same", '<span onclick="steal()">The</span> goods look the same')
    minimal_copy.edit(L1, "# Control lists {#lists}", "# Control lists {#lists}\n\n<script>alert(1)</script>\n")
    errors = errors_of(minimal_copy)
    assert any(f"{L1}:{minimal_copy.line_of(L1, 'onclick')}:" in e and "attribute 'onclick' on <span>" in e
               for e in errors), errors
    assert any(f"{L1}:{minimal_copy.line_of(L1, '<script>')}:" in e and "<script> is removed" in e
               for e in errors), errors


def test_misused_blocks(minimal_copy):
    minimal_copy.edit(L1, "::: note Why it matters", "::: tab Why it matters")
    minimal_copy.edit(L1, "# Control lists {#lists}\n", "# Control lists {#lists}\n\n::: warnings\nCheck the list.\n:::\n")
    errors = errors_of(minimal_copy)
    assert any("'::: tab' must be directly inside ':::: tabs'" in e for e in errors), errors
    assert any(f"{L1}:{minimal_copy.line_of(L1, '::: warnings')}:" in e and "is not a known block" in e
               for e in errors), errors


def test_figure_needs_one_image(minimal_copy):
    minimal_copy.edit(L1, "![A simple machine tool drawn as a box with a spindle and a work table.](media/machine-tool.svg)\n", "")
    errors = errors_of(minimal_copy)
    assert any("a figure holds exactly one image, this one has 0" in e for e in errors), errors


def test_unsafe_svg_points_into_the_svg(minimal_copy):
    svg = minimal_copy.path / "media/machine-tool.svg"
    svg.write_text(svg.read_text().replace("<title>", '<script>alert(1)</script>\n  <title>'))
    errors = errors_of(minimal_copy)
    assert any("machine-tool.svg:2:" in e and "script" in e for e in errors), errors


def test_completion_needs_an_assessment(minimal_copy):
    minimal_copy.edit("module.yaml", "assessments:\n  - quizzes/final.yaml\n", "")
    errors = errors_of(minimal_copy)
    assert any("completed_when is 'both' but the module has no assessment" in e for e in errors), errors


def test_linked_documents_must_be_packageable(minimal_copy):
    (minimal_copy.path / "media/setup.exe").write_bytes(b"MZ")
    (minimal_copy.path / "docs").mkdir()
    (minimal_copy.path / "docs/aid.pdf").write_bytes(b"%PDF-1.4\n")
    minimal_copy.edit(L1, "The goods look the same",
                      "See [the tool](media/setup.exe) and [the aid](docs/aid.pdf). The goods look the same")
    errors = errors_of(minimal_copy)
    line = minimal_copy.line_of(L1, "setup.exe")
    assert any(f"{L1}:{line}:" in e and "'media/setup.exe' is not a document type a package may carry" in e
               for e in errors), errors
    assert any("linked file 'docs/aid.pdf' is not in the module's media/ folder" in e for e in errors), errors


def test_branches_go_forward_inside_their_scenario(module_copy):
    copy = module_copy("every_question")  # its assessment holds a branching scenario
    copy.edit(FINAL, "branch: end", "branch: {correct: q_s_route_act, incorrect: q_nowhere}")
    copy.edit(FINAL, "        correct: a\n        feedback:\n          correct: Yes. It has",
              "        correct: a\n        branch: end\n        feedback:\n          correct: Yes. It has")
    found = errors_of(copy)
    assert any("branch target 'q_s_route_act' comes earlier" in e and "use 'end' or one of the questions after" in e
               for e in found), found
    assert any("branch target 'q_nowhere' is not a question of this scenario" in e for e in found), found
    line = copy.line_of(FINAL, "branch: end")
    assert any(f"final.yaml:{line}:" in e and "question 'q_define' has a branch but is not in a scenario" in e
               for e in found), found


def test_an_image_path_with_a_space_is_reported_not_shown_as_text(minimal_copy):
    minimal_copy.edit(L1, "The goods look the same", "![A border post](media/Border Photo.jpg)\n\nThe goods look the same")
    error = only_error(minimal_copy)
    assert f"{L1}:{minimal_copy.line_of(L1, 'Border Photo')}:" in error
    assert "is not read as an image: its path contains a space" in error
