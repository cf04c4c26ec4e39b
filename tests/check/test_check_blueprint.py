"""The checker proves that every possible draw meets an assessment's blueprint, or says which objective,
lesson or pool stops it, at the blueprint's (or the pool's) line. The tests give a blueprint to the fixture
that draws 6 of 7 slots without one (tests/fixtures/draws_without_blueprint)."""

import pytest

from stce_scorm.check import check_module
from stce_scorm.check.blueprint import prove
from stce_scorm.source.blueprint import covers, requirements, sure_questions
from stce_scorm.source.loader import load_module

FINAL = "quizzes/final.yaml"


@pytest.fixture
def with_blueprint(module_copy):
    """A copy of the fixture that draws 6 of its 7 slots (a scenario among them), with the blueprint it lacks:
    every attempt tests every objective once."""
    copy = module_copy("draws_without_blueprint")
    final = copy.path / FINAL
    final.write_text(final.read_text(encoding="utf-8") + "blueprint:\n  per_objective: 1\n", encoding="utf-8")
    return copy


def loaded(copy):
    module, problems = load_module(copy.path)
    assert not problems, problems
    return module


def errors(copy) -> list[str]:
    return [str(p) for p in check_module(loaded(copy)) if p.severity == "error"]


def test_a_blueprint_the_pools_meet_is_proved(with_blueprint):
    module = loaded(with_blueprint)
    assert module.assessments[0].blueprint.per_objective == 1
    assert prove(module, module.assessments[0]) == []


def test_an_objective_with_too_few_questions_is_named_at_the_blueprint_line(with_blueprint):
    with_blueprint.edit(FINAL, "per_objective: 1", "per_objective: 1\n  objectives: {o1_define: 2}")
    line = with_blueprint.line_of(FINAL, "objectives: {o1_define: 2}")
    [found] = errors(with_blueprint)
    assert found.startswith(f"{with_blueprint.path / FINAL}:{line}:")
    assert "objective 'o1_define' (written at" in found and "lessons/01-terms.md:6:" in found
    assert "needs 2 question(s) in every attempt, but the pools can be sure to give only 1" in found


def test_a_draw_too_small_for_the_blueprint_points_at_draw(with_blueprint):
    with_blueprint.edit(FINAL, "draw: 6", "draw: 3")
    line = with_blueprint.line_of(FINAL, "draw: 3")
    [found] = errors(with_blueprint)
    assert f"final.yaml:{line}:" in found
    assert "pool 'core' draws 3 question(s), but the blueprint may need 4 from it" in found


def test_a_scenario_counts_only_up_to_its_first_branch(with_blueprint):
    module = loaded(with_blueprint)
    scenario = next(q for q in module.assessments[0].pools[0].questions if q.id == "s_route")
    assert [q.id for q in sure_questions(scenario)] == ["q_s_route_act"]
    needs = requirements(module, module.assessments[0])
    assert covers(scenario, needs) == {"objective:o2_act": 1}  # q_s_route_signs (o2_flags) is not sure
    with_blueprint.edit(FINAL, "per_objective: 1", "per_objective: 1\n  objectives: {o2_act: 3}")
    [found] = errors(with_blueprint)
    assert "objective 'o2_act'" in found and "sure to give only 2" in found


def test_lesson_requirements_and_unknown_ids(with_blueprint):
    with_blueprint.edit(FINAL, "per_objective: 1", "per_objective: 0\n  lessons: {l1_terms: 3, l9_none: 1}")
    assert errors(with_blueprint) == [e for e in errors(with_blueprint) if "unknown lesson 'l9_none'" in e] != []
    with_blueprint.edit(FINAL, "l1_terms: 3, l9_none: 1", "l1_terms: 4")  # q_define, q_list_term, q_match
    [found] = errors(with_blueprint)
    assert "lesson 'l1_terms' (written at" in found and "needs 4 question(s)" in found and "only 3" in found
