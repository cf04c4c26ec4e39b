"""Answer keys and assessment definitions that cannot work for a learner."""

from __future__ import annotations

from collections import Counter

from stce_scorm.errors import Problem, error
from stce_scorm.source.models import (
    Assessment, Branch, Matching, Module, MultipleResponse, QuestionBase, Scenario, Sequencing, SingleChoice, FillIn,
)


def check_answers(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    for question in module.all_questions():
        problems += _question(question)
    for assessment in module.assessments:
        problems += _assessment(assessment)
        for pool in assessment.pools:
            for slot in pool.questions:
                if isinstance(slot, Scenario):
                    problems += _branches(slot)
                elif slot.branch is not None:
                    problems.append(_branch_outside(slot))
    problems += [_branch_outside(q) for q in module.knowledge_checks if q.branch is not None]
    return problems


def _branch_outside(question: QuestionBase) -> Problem:
    return error(question.field_pos("branch"), f"question '{question.id}' has a branch but is not in a scenario",
                 "branches lead from one question of a scenario to another; move it into a scenario or remove 'branch'",
                 "branch")


def _branches(scenario: Scenario) -> list[Problem]:
    """Branches go forward to a question of the same scenario, so every path ends."""
    problems: list[Problem] = []
    order = [q.id for q in scenario.questions]
    for index, question in enumerate(scenario.questions):
        if not isinstance(question.branch, Branch):
            continue
        for answer in ("correct", "incorrect"):
            target = getattr(question.branch, answer)
            if target == "end" or target in order[index + 1:]:
                continue
            where = "comes earlier" if target in order else "is not a question of this scenario"
            problems.append(error(question.branch.field_pos(answer),
                                  f"branch target '{target}' {where}",
                                  f"use 'end' or one of the questions after '{question.id}': "
                                  f"{', '.join(order[index + 1:]) or 'none (use end)'}", f"branch.{answer}"))
    return problems


def _duplicates(values: list[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def _question(question: QuestionBase) -> list[Problem]:
    problems: list[Problem] = []
    options = getattr(question, "choices", None) or getattr(question, "pairs", None) or getattr(question, "items", None)
    if options:
        for ident in _duplicates([o.id for o in options]):
            problems.append(error(question.pos, f"question '{question.id}' has two options with id '{ident}'",
                                  "give each choice its own id: a, b, c ...", "id"))
        texts = [getattr(o, "text", "") or getattr(o, "source", "") for o in options]
        for text in _duplicates([t.strip().lower() for t in texts]):
            problems.append(error(question.pos, f"question '{question.id}' lists the same option twice: '{text}'",
                                  "make each option different"))
    ids = {o.id for o in options or []}
    if isinstance(question, SingleChoice) and question.correct not in ids:
        problems.append(error(question.field_pos("correct"),
                              f"answer key '{question.correct}' is not one of the choices",
                              f"use one of: {', '.join(sorted(ids))}", "correct"))
    if isinstance(question, MultipleResponse):
        for index, key in enumerate(question.correct):
            if key not in ids:
                problems.append(error(question.field_pos("correct", index),
                                      f"answer key '{key}' is not one of the choices",
                                      f"use one of: {', '.join(sorted(ids))}", "correct"))
        for key in _duplicates(question.correct):
            problems.append(error(question.field_pos("correct"), f"answer key '{key}' is listed twice", "list it once"))
    if isinstance(question, Matching):
        for target in _duplicates([p.target.strip().lower() for p in question.pairs]):
            problems.append(error(question.pos, f"two pairs of '{question.id}' have the same target '{target}'",
                                  "each target must match exactly one item"))
    if isinstance(question, FillIn):
        accepted = question.accepted if question.case_sensitive else [a.lower() for a in question.accepted]
        for answer in _duplicates([a.strip() for a in accepted]):
            problems.append(error(question.field_pos("accepted"), f"accepted answer '{answer}' is listed twice",
                                  "list it once"))
        for index, answer in enumerate(question.accepted):
            if not answer.strip():
                problems.append(error(question.field_pos("accepted", index), "an accepted answer is empty",
                                      "remove it or write the answer"))
    if isinstance(question, Sequencing) and len(question.items) < 2:
        problems.append(error(question.pos, "a sequencing question needs at least two items", "add items"))
    if isinstance(question, Sequencing):
        item_ids = [i.id for i in question.items]
        for index, order in enumerate(question.also_accepted):
            if sorted(order) != sorted(item_ids):
                problems.append(error(question.field_pos("also_accepted", index),
                                      f"an accepted order of '{question.id}' does not list every item once",
                                      f"list each of {', '.join(item_ids)} exactly once", "also_accepted"))
            elif order == item_ids:
                problems.append(error(question.field_pos("also_accepted", index),
                                      "this accepted order is the items' own order", "remove it", "also_accepted"))
    return problems


def _assessment(assessment: Assessment) -> list[Problem]:
    problems: list[Problem] = []
    for pool in assessment.pools:
        size = len(pool.questions)
        if pool.draw is not None and pool.draw > size:
            problems.append(error(pool.field_pos("draw"),
                                  f"pool '{pool.id}' draws {pool.draw} questions but holds only {size}",
                                  f"lower 'draw' to at most {size}, or add questions", "draw"))
        for question in pool.questions:
            if isinstance(question, Scenario):
                continue
            if question.objective is None:
                problems.append(error(question.pos, f"graded question '{question.id}' names no objective",
                                      "add 'objective: <objective id>' so results can point learners to the lesson",
                                      "objective"))
        for question in (q for q in pool.questions if isinstance(q, Scenario)):
            for inner in question.questions:
                if inner.objective is None:
                    problems.append(error(inner.pos, f"graded question '{inner.id}' names no objective",
                                          "add 'objective: <objective id>'", "objective"))
    return problems
