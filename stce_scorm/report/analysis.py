"""Classical item statistics from recorded attempts, matched to the module's questions by their stable ids.

- facility: the share of responses that were right;
- discrimination: point-biserial correlation between an item's result (1/0) and the attempt's rest
  score (the share right of the attempt's *other* items, so an item does not correlate with itself),
  written out as (M1 - M0) / s * sqrt(p q), which equals Pearson's r of the two;
- option counts: how often each choice was picked (choice items), or each distinct answer (others);
- mastery per objective: learners whose latest attempt got at least the pass mark on its items.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from pydantic import BaseModel, Field

from stce_scorm.report.readers import Attempt, Response
from stce_scorm.player.answer_keys import number_text
from stce_scorm.source.models import FillIn, Module, MultipleResponse, Numeric, SingleChoice, TrueFalse

TOO_EASY = 0.90
TOO_HARD = 0.30
WEAK_DISCRIMINATION = 0.20
FEW_ATTEMPTS = 20


class OptionCount(BaseModel):
    option: str = Field(description="A choice id, 'true'/'false', or a distinct typed answer.")
    count: int
    key: bool = Field(description="This option is (part of) the right answer.")


class ItemStats(BaseModel):
    item_id: str
    type: str = Field(description="The question type, or 'unknown' for an id the module does not have.")
    objective: str
    attempts: int = Field(description="Responses recorded for the item.")
    facility: float | None = Field(description="Share of responses that were right.")
    discrimination: float | None = Field(description="Point-biserial r with the rest score; None if undefined.")
    options: list[OptionCount]
    flags: list[str]


class ObjectiveMastery(BaseModel):
    objective: str
    text: str
    responses: int
    facility: float | None
    learners: int = Field(description="Learners whose latest attempt had a question on this objective.")
    mastered: int = Field(description="Of those, learners who got at least the pass mark on its questions.")


def point_biserial(results: list[int], scores: list[float]) -> float | None:
    """r between a 0/1 result and a score; None when either does not vary."""
    n = len(results)
    right = [s for r, s in zip(results, scores) if r]
    wrong = [s for r, s in zip(results, scores) if not r]
    if not right or not wrong:
        return None
    mean = sum(scores) / n
    spread = math.sqrt(sum((s - mean) ** 2 for s in scores) / n)
    if spread == 0:
        return None
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / spread * math.sqrt(p * (1 - p))


def chosen_options(response: Response, kind: str) -> list[str]:
    """The options in a recorded response, in the module's ids."""
    text = response.response
    if kind == "true_false":
        return [{"t": "true", "f": "false"}.get(text.lower(), text.lower())] if text else []
    if kind in ("single_choice", "multiple_response"):
        parts = text.split("[,]") if "[,]" in text else text.split(",")
        return [p.strip().removeprefix(f"{response.item_id}_") for p in parts if p.strip()]
    return [text] if text else []


def _rest_scores(attempts: list[Attempt]) -> dict[tuple[int, str], float | None]:
    out: dict[tuple[int, str], float | None] = {}
    for index, attempt in enumerate(attempts):
        right = sum(r.correct for r in attempt.responses)
        others = len(attempt.responses) - 1
        for r in attempt.responses:
            out[(index, r.item_id)] = (right - r.correct) / others if others else None
    return out


def analyse(module: Module, attempts: list[Attempt]) -> tuple[list[ItemStats], list[ObjectiveMastery]]:
    """Statistics per item (in module order, unknown ids last) and mastery per objective."""
    questions = {q.id: q for q in module.all_questions()}
    rest = _rest_scores(attempts)
    by_item: dict[str, list[tuple[int, Response]]] = defaultdict(list)
    for index, attempt in enumerate(attempts):
        for response in attempt.responses:
            by_item[response.item_id].append((index, response))
    order = [q for q in questions if q in by_item] + sorted(set(by_item) - set(questions))
    items = [_item(item_id, questions.get(item_id), by_item[item_id], rest) for item_id in order]
    return items, _mastery(module, attempts)


def _item(item_id, question, recorded, rest) -> ItemStats:
    kind = question.type if question else "unknown"
    results = [int(r.correct) for _, r in recorded]
    pairs = [(res, rest[(i, item_id)]) for res, (i, _) in zip(results, recorded) if rest[(i, item_id)] is not None]
    facility = sum(results) / len(results) if results else None
    r_pb = point_biserial([p[0] for p in pairs], [p[1] for p in pairs]) if pairs else None
    counts = Counter(option for _, r in recorded for option in chosen_options(r, kind))
    keys: set[str] = set()
    if isinstance(question, SingleChoice):
        keys = {question.correct}
    elif isinstance(question, MultipleResponse):
        keys = set(question.correct)
    elif isinstance(question, TrueFalse):
        keys = {"true" if question.correct else "false"}
    elif isinstance(question, FillIn):
        keys = set(question.accepted)
    elif isinstance(question, Numeric) and question.correct.value is not None:
        keys = {number_text(question.correct.value)}
    if isinstance(question, (SingleChoice, MultipleResponse)):
        options = [OptionCount(option=c.id, count=counts.get(c.id, 0), key=c.id in keys) for c in question.choices]
    else:
        options = [OptionCount(option=o, count=n, key=o in keys) for o, n in counts.most_common(8)]
    flags = []
    if question is None:
        flags.append("not in this module")
    if len(results) < FEW_ATTEMPTS:
        flags.append(f"few attempts (under {FEW_ATTEMPTS}): figures are unreliable")
    if facility is not None and facility > TOO_EASY:
        flags.append("too easy")
    if facility is not None and facility < TOO_HARD:
        flags.append("too hard")
    if r_pb is not None and r_pb < 0:
        flags.append("negative discrimination: stronger learners get it wrong more often; check the key")
    elif r_pb is not None and r_pb < WEAK_DISCRIMINATION:
        flags.append("weak discrimination")
    for o in options:
        if isinstance(question, (SingleChoice, MultipleResponse)) and not o.key and o.count == 0:
            flags.append(f"distractor '{o.option}' never chosen")
    return ItemStats(item_id=item_id, type=kind, objective=(question.objective or "") if question else "",
                     attempts=len(results), facility=facility, discrimination=r_pb, options=options, flags=flags)


def _mastery(module: Module, attempts: list[Attempt]) -> list[ObjectiveMastery]:
    objective_of = {q.id: q.objective for q in module.all_questions()}
    latest: dict[str, Attempt] = {}
    for attempt in attempts:
        if attempt.learner not in latest or attempt.attempt >= latest[attempt.learner].attempt:
            latest[attempt.learner] = attempt
    pass_share = module.config.tracking.passing_score / 100
    out = []
    for lesson in module.lessons:
        for objective in lesson.objectives:
            recorded = [r for a in attempts for r in a.responses if objective_of.get(r.item_id) == objective.id]
            learners = mastered = 0
            for attempt in latest.values():
                mine = [r.correct for r in attempt.responses if objective_of.get(r.item_id) == objective.id]
                if mine:
                    learners += 1
                    mastered += sum(mine) / len(mine) >= pass_share
            out.append(ObjectiveMastery(
                objective=objective.id, text=objective.text, responses=len(recorded),
                facility=sum(r.correct for r in recorded) / len(recorded) if recorded else None,
                learners=learners, mastered=mastered))
    return out
