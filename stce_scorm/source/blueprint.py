"""An assessment's blueprint as requirements, and what each drawable slot is sure to cover.

Pure functions of the source models: the checker proves the blueprint with them (check/blueprint.py)
and the player data carries them to the runtime draw (runtime/assessment.js), so both read one truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from stce_scorm.errors import SourcePos
from stce_scorm.source.models import Assessment, Branch, Module, QuestionBase, Scenario


@dataclass(frozen=True)
class Requirement:
    """At least `need` questions testing any of `objectives` in every attempt."""

    id: str                       # "objective:o1_define" or "lesson:l1_dual_use"
    label: str                    # how messages name it: "objective 'o1_define'"
    objectives: frozenset[str]
    need: int
    pos: SourcePos                # the blueprint line that asks for it
    defined_at: SourcePos         # where the objective or lesson is written


def requirements(module: Module, assessment: Assessment) -> list[Requirement]:
    """The blueprint's requirements in module order: objectives first, then lessons; unknown ids are skipped
    (the checker reports them)."""
    blueprint = assessment.blueprint
    if blueprint is None:
        return []
    out: list[Requirement] = []
    for lesson in module.lessons:
        for objective in lesson.objectives:
            if objective.id in blueprint.objectives:
                need, pos = blueprint.objectives[objective.id], blueprint.field_pos("objectives", objective.id)
            else:
                need, pos = blueprint.per_objective, blueprint.field_pos("per_objective")
            if need:
                out.append(Requirement(f"objective:{objective.id}", f"objective '{objective.id}'",
                                       frozenset({objective.id}), need, pos, objective.pos))
    for lesson in module.lessons:
        need = blueprint.lessons.get(lesson.id, 0)
        if need:
            out.append(Requirement(f"lesson:{lesson.id}", f"lesson '{lesson.id}'",
                                   frozenset(o.id for o in lesson.objectives), need,
                                   blueprint.field_pos("lessons", lesson.id), lesson.pos))
    return out


def sure_questions(slot: QuestionBase | Scenario) -> list[QuestionBase]:
    """The questions a learner meets whatever they answer: a question, or a scenario's questions up to its
    first branch (after a branch, the path depends on the answer)."""
    if not isinstance(slot, Scenario):
        return [slot]
    sure: list[QuestionBase] = []
    for question in slot.questions:
        sure.append(question)
        if question.branch == "end" or isinstance(question.branch, Branch):
            break
    return sure


def covers(slot: QuestionBase | Scenario, needs: list[Requirement]) -> dict[str, int]:
    """How many of each requirement's questions drawing this slot is sure to bring."""
    sure = [q.objective for q in sure_questions(slot)]
    counts = {r.id: sum(1 for o in sure if o in r.objectives) for r in needs}
    return {key: n for key, n in counts.items() if n}
