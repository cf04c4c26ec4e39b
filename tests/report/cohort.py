"""A simulated cohort of learners taking the example module's final check, written as Moodle's
"Interactions report" download (tab-separated), with the truth it was made from for the tests to use.

The model: each learner has an ability (normal, seeded), each item a difficulty; a response is right with
the logistic probability of ability minus difficulty (a Rasch-like model); a retake comes with a little
more ability; learners stop after a pass or the third attempt. Two items are made to misbehave, as real
items do: q_signs_count favours weaker learners (negative discrimination), and q_define's option 'c' is
never chosen. Responses use SCORM 1.2 patterns, which is what Moodle's report shows.
"""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import dataclass

from stce_scorm.source.models import (
    FillIn, Matching, Module, MultipleResponse, Numeric, Scenario, Sequencing, SingleChoice, TrueFalse,
)

LEARNERS = 200
SEED = 2026


@dataclass
class Recorded:
    learner: str
    attempt: int
    item_id: str
    response: str
    right_answer: str
    correct: bool


def _right_answer(q) -> str:
    if isinstance(q, SingleChoice):
        return f"{q.id}_{q.correct}"
    if isinstance(q, MultipleResponse):
        return ",".join(f"{q.id}_{c}" for c in sorted(q.correct))
    if isinstance(q, TrueFalse):
        return "t" if q.correct else "f"
    if isinstance(q, FillIn):
        return q.accepted[0]
    if isinstance(q, Numeric):
        return str(int(q.correct.value))
    if isinstance(q, Matching):
        return ",".join(f"{q.id}_{p.id}.{q.id}_{p.id}" for p in q.pairs)
    if isinstance(q, Sequencing):
        return ",".join(f"{q.id}_{i.id}" for i in q.items)
    raise TypeError(q)


def _wrong_answer(q, rng: random.Random) -> str:
    if isinstance(q, SingleChoice):
        wrong = [c.id for c in q.choices if c.id != q.correct]
        if q.id == "q_define":
            wrong = ["b"]  # a distractor nobody picks: 'c'
        return f"{q.id}_{rng.choice(wrong)}"
    if isinstance(q, MultipleResponse):
        ids = [c.id for c in q.choices]
        while True:
            picked = sorted(rng.sample(ids, rng.randint(1, len(ids))))
            if set(picked) != set(q.correct):
                return ",".join(f"{q.id}_{c}" for c in picked)
    if isinstance(q, TrueFalse):
        return "f" if q.correct else "t"
    if isinstance(q, FillIn):
        return rng.choice(["licence", "export", "dual"])
    if isinstance(q, Numeric):
        return str(int(q.correct.value) + rng.choice([-1, 1, 2]))
    if isinstance(q, Matching):
        ids = [p.id for p in q.pairs]
        targets = ids[1:] + ids[:1]
        return ",".join(f"{q.id}_{s}.{q.id}_{t}" for s, t in zip(ids, targets))
    if isinstance(q, Sequencing):
        return ",".join(f"{q.id}_{i.id}" for i in reversed(q.items))
    raise TypeError(q)


def simulate(module: Module) -> list[list[Recorded]]:
    """Every attempt of every learner, each a list of its recorded interactions in order."""
    rng = random.Random(SEED)
    pool = module.assessments[0].pools[0]
    questions = [q for slot in pool.questions for q in (slot.questions if isinstance(slot, Scenario) else [slot])]
    difficulty = {q.id: rng.uniform(-1.5, 1.0) for q in questions}
    attempts = []
    for n in range(1, LEARNERS + 1):
        learner, ability = f"Learner {n:03d}", rng.gauss(0, 1)
        for attempt in range(1, 4):
            records: list[Recorded] = []
            for slot in rng.sample(pool.questions, pool.draw):
                path = slot.questions[:1] if isinstance(slot, Scenario) else [slot]
                while path:
                    q = path.pop()
                    direction = -1 if q.id == "q_signs_count" else 1  # the item that misleads strong learners
                    p_right = 1 / (1 + math.exp(-1.4 * (direction * ability - difficulty[q.id])))
                    right = rng.random() < p_right
                    records.append(Recorded(learner, attempt, q.id, _right_answer(q) if right else _wrong_answer(q, rng),
                                            _right_answer(q), right))
                    if isinstance(slot, Scenario) and q.branch and q.branch != "end":
                        target = q.branch.correct if right else q.branch.incorrect
                        path = [x for x in slot.questions if x.id == target]
                    elif isinstance(slot, Scenario) and q.branch is None:  # on to the next question of the case
                        after = slot.questions.index(q) + 1
                        path = slot.questions[after:after + 1]
            attempts.append(records)
            if sum(r.correct for r in records) / len(records) >= 0.8:
                break
            ability += 0.4
    return attempts


def moodle_export(module: Module, attempts: list[list[Recorded]]) -> str:
    """The attempts as Moodle's Interactions report "CSV" download: tab-separated, one row per attempt."""
    width = max(len(a) for a in attempts)
    header = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", module.config.title]
    for n in range(width):
        header += [f"Question {n}", f"Response {n}", f"Right answer {n}", f"Result {n}"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    for index, records in enumerate(attempts):
        first = records[0]
        score = f"{100 * sum(r.correct for r in records) / len(records):.2f}".rstrip("0").rstrip(".")
        day = 1 + index % 28
        row = [first.learner, f"learner{first.learner[-3:]}@example.org", str(first.attempt),
               f"{day} November 2026, 9:{index % 60:02d} AM", f"{day} November 2026, 10:{index % 60:02d} AM",
               score, f"{score}/100"]
        for r in records:
            row += [r.item_id, r.response, r.right_answer, "correct" if r.correct else "wrong"]
        row += [""] * (len(header) - len(row))
        writer.writerow(row)
    return out.getvalue()
