"""Proof, at build time, that every possible draw of an assessment meets its blueprint.

The runtime draw (runtime/assessment.js) goes through the pools in order. In each pool it shuffles the
slots, then for each requirement still short it takes, in shuffled order, slots that cover it, then fills
the draw from the rest. Whatever the shuffle:
- a pool takes at most min(still needed, slots covering it) slots per requirement before filling, so if
  the sum of those over the requirements fits in `draw`, no requirement is cut short by the draw;
- then each requirement is met, or every slot of the pool covering it is taken, which leaves at most
  max(0, still needed - what those slots cover) for later pools.
Carrying that worst case from pool to pool gives a bound that holds for every draw; a requirement still
short after the last pool is one some attempt can miss.
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error
from stce_scorm.source.blueprint import Requirement, covers, requirements
from stce_scorm.source.models import Assessment, Module


def check_blueprints(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    for assessment in module.assessments:
        if assessment.blueprint is not None:
            problems += _unknown_ids(module, assessment)
            problems += prove(module, assessment)
    return problems


def _unknown_ids(module: Module, assessment: Assessment) -> list[Problem]:
    blueprint = assessment.blueprint
    if blueprint is None:
        return []
    objectives = [o.id for lesson in module.lessons for o in lesson.objectives]
    lessons = [lesson.id for lesson in module.lessons]
    problems = []
    for key, known, kind in (("objectives", objectives, "objective"), ("lessons", lessons, "lesson")):
        for name in getattr(blueprint, key):
            if name not in known:
                problems.append(error(blueprint.field_pos(key, name), f"blueprint names an unknown {kind} '{name}'",
                                      f"use one of: {', '.join(known)}", f"blueprint.{key}"))
    return problems


def prove(module: Module, assessment: Assessment) -> list[Problem]:
    """An error for each pool whose draw is too small and each requirement some attempt could miss."""
    needs = requirements(module, assessment)
    short = {r.id: r.need for r in needs}
    problems: list[Problem] = []
    for pool in assessment.pools:
        draw = pool.draw or len(pool.questions)
        slot_covers = [covers(slot, needs) for slot in pool.questions]
        first_picks = sum(min(short[r.id], sum(1 for c in slot_covers if r.id in c)) for r in needs)
        if first_picks > draw:
            problems.append(error(pool.field_pos("draw"),
                                  f"pool '{pool.id}' draws {draw} question(s), but the blueprint may need {first_picks} from it",
                                  f"raise 'draw' to {first_picks}, or lower the blueprint's requirements", "draw"))
        for r in needs:
            short[r.id] = max(0, short[r.id] - sum(c.get(r.id, 0) for c in slot_covers))
    for r in needs:
        if short[r.id]:
            problems.append(_unmet(r, r.need - short[r.id]))
    return problems


def _unmet(requirement: Requirement, available: int) -> Problem:
    kind, name = requirement.id.split(":", 1)
    which = f"'objective: {name}'" if kind == "objective" else f"an objective of lesson '{name}'"
    return error(requirement.pos,
                 f"{requirement.label} (written at {requirement.defined_at}) needs {requirement.need} question(s) in "
                 f"every attempt, but the pools can be sure to give only {available}",
                 f"add assessment questions with {which} (a scenario counts only up to its first branch), "
                 f"or lower the requirement", "blueprint")
