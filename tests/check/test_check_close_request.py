"""The close-time budget: what an LMS must send when the learner closes the window (Moodle: its whole data
model, form-encoded) stays well under the 64 KB browsers allow then, or the build warns. The tests count it
on the smallest complete module (tests/fixtures/minimal)."""

from stce_scorm import build
from stce_scorm.check.close_request import CLOSE_BUDGET, field, worst_case_close_request
from stce_scorm.source.loader import load_module


def test_fields_are_counted_as_moodle_encodes_them():
    assert field("cmi.interactions.0.learner_response", "q1_a[,]q1_b") == len(
        "&cmi__interactions__0__learner_response=q1_a%5B%2C%5Dq1_b")
    assert field("cmi.interactions.0.description", "Déclaration") == len(
        "&cmi__interactions__0__description=D%C3%A9claration")


def test_each_attempt_adds_its_interaction_records(minimal_copy):
    module, _ = load_module(minimal_copy.path)
    for version in ("1.2", "2004"):
        request = worst_case_close_request(module, version)
        assert request.attempts == 3 and not request.unlimited
        assert 0 < request.per_attempt * 3 < request.total < CLOSE_BUDGET
    minimal_copy.edit("quizzes/final.yaml", "attempts: 3", "attempts: 5")
    more, _ = load_module(minimal_copy.path)
    for version in ("1.2", "2004"):
        assert (worst_case_close_request(more, version).total - worst_case_close_request(module, version).total
                == 2 * worst_case_close_request(module, version).per_attempt)


def test_unlimited_attempts_count_three_and_say_so(minimal_copy):
    minimal_copy.edit("quizzes/final.yaml", "attempts: 3\n", "")
    module, _ = load_module(minimal_copy.path)
    request = worst_case_close_request(module, "2004")
    assert request.unlimited and request.attempts == 3


def test_a_package_above_the_budget_builds_with_a_warning_at_the_scorm_key(minimal_copy, tmp_path):
    minimal_copy.edit("quizzes/final.yaml", "attempts: 3", "attempts: 80")
    result = build(minimal_copy.path, tmp_path / "out", cache_dir=tmp_path / "cache")
    line = minimal_copy.line_of("module.yaml", "scorm: [")
    warnings = [str(w) for w in result.warnings if "when the window closes" in str(w)]
    assert len(warnings) == 2, [str(w) for w in result.warnings]
    for version, warning in zip(("1.2", "2004"), warnings):
        assert warning.startswith(f"{minimal_copy.path / 'module.yaml'}:{line}:1: warning: scorm: SCORM {version}: "
                                  "after 80 failed attempts"), warning
        assert "(hint: draw fewer questions per attempt" in warning
    note = (tmp_path / "out" / f"{result.packages[1].path.stem}.lms-setup.txt").read_text(encoding="utf-8")
    assert "Above 64 KB the browser refuses that save" in note and "after 80 failed attempts" in note
