"""The largest request an LMS must send when the learner closes the window, against the browser's limit.

Moodle sends its whole data model (every interaction and objective recorded so far, the suspend_data,
the statuses) with each Commit and Finish, form-encoded as `&cmi__interactions__0__id=...`. While the
page is being dismissed it can only send it with `navigator.sendBeacon`, which Chromium caps at 64 KiB
in flight: above that, the save at close is refused and that session's last values (its time above
all) are lost. The player records what each target's runtime adapter writes; the target declares those
values at their longest (targets/: `DataModel`), and this module adds them up as the LMS encodes them
(a browser test checks a real close request stays under this figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from stce_scorm.errors import Problem, warning
from stce_scorm.player import PlayerContract, player_contract
from stce_scorm.player.data import MAX_ANSWER_LENGTH, interaction_description
from stce_scorm.source.models import (
    DocumentInspection, FillIn, Matching, Module, MultipleResponse, Numeric, QuestionBase, Scenario, Sequencing,
    SingleChoice, TrueFalse,
)
from stce_scorm.targets import Target, target_for

BEACON_LIMIT = 64 * 1024
# Three quarters of the beacon quota: room for Moodle's own fields and a request still in flight.
CLOSE_BUDGET = 48 * 1024
UNLIMITED_COUNTED = 3  # attempts counted when an assessment allows unlimited ones
MOODLE_FIELDS = 200  # id, a, scoid, attempt, sesskey: Moodle's own parameters in the same request
WORST_CHARACTER = "\u2028"  # a typed character at its longest once URL-encoded (3 UTF-8 bytes, 9 characters)
NUMBER = "-1.2345678901234567e-100"  # a typed number at its longest as JavaScript writes it back

TYPES = {"true_false": "true-false", "single_choice": "choice", "multiple_response": "choice", "fill_in": "fill-in",
         "numeric": "numeric", "matching": "matching", "sequencing": "sequencing", "document_inspection": "choice"}


@dataclass
class CloseRequest:
    """The worst-case close-time request of one package, in bytes."""

    version: str
    total: int        # with `attempts` attempts at every assessment, each failed with its longest answers
    per_attempt: int  # what one more attempt adds (its interaction records)
    attempts: int     # attempts counted in `total`
    unlimited: bool   # some assessment allows unlimited attempts: each one past `attempts` adds `per_attempt`


def field(element: str, value: str) -> int:
    """Bytes of `&element=value` as Moodle encodes it (dots as `__`, the value as encodeURIComponent)."""
    return len("&" + element.replace(".", "__") + "=" + quote(value, safe="-_.!~*'()"))


def number(value: float) -> str:
    """A number as JavaScript's String() writes it, for the values the model allows."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def interaction_patterns(question: QuestionBase, target: Target) -> tuple[list[str], str]:
    """(correct response patterns, longest learner response) as the target's adapter writes them."""
    d = target.data_model
    ids = lambda items: [f"{question.id}_{item.id}" for item in items]  # noqa: E731
    if isinstance(question, TrueFalse):
        return [d.true_false[0]], d.true_false[1]
    if isinstance(question, SingleChoice):
        return [f"{question.id}_{question.correct}"], max(ids(question.choices), key=len)
    if isinstance(question, MultipleResponse):
        correct = d.item.join(f"{question.id}_{c}" for c in question.correct)
        return [correct], d.item.join(ids(question.choices))
    if isinstance(question, DocumentInspection):  # the author's 'document.entry' ids, as they are
        return [d.item.join(question.correct)], d.item.join(question.entries())
    if isinstance(question, FillIn):
        prefix = d.case_matters if question.case_sensitive else ""
        return [prefix + a for a in question.accepted[:5]], WORST_CHARACTER * MAX_ANSWER_LENGTH["fill_in"]
    if isinstance(question, Numeric):
        low, high = question.correct.bounds()
        if d.range is not None:
            return [number(low) + d.range + number(high)], NUMBER
        return [number(low)] if low == high else [], NUMBER
    if isinstance(question, Matching):  # each source with its target; the worst answer pairs each with the longest
        items = ids(question.pairs)
        longest = max(items, key=len)
        return ([d.item.join(i + d.pair + i for i in items)],
                d.item.join(i + d.pair + longest for i in items))
    if isinstance(question, Sequencing):
        order = d.item.join(ids(question.items))
        return [order], order
    raise TypeError(question)


def interaction_bytes(question: QuestionBase, index: int, target: Target) -> int:
    """One interaction record at index `index`, every field at its longest."""
    d, prefix = target.data_model, f"{target.data_model.interactions}.{index}."
    correct, response = interaction_patterns(question, target)
    time_element, time_value = d.time
    values = {"id": question.id, "type": TYPES[question.type], time_element: time_value,
              "weighting": number(question.points), d.response: response, "result": d.wrong,
              "latency": d.latency}
    if question.objective:
        values["objectives.0.id"] = question.objective
    if d.describes_interactions:
        values["description"] = interaction_description(question.prompt)
    values |= {f"correct_responses.{n}.pattern": p for n, p in enumerate(correct)}
    return sum(field(prefix + key, value) for key, value in values.items())


def attempt_records(module: Module, target: Target) -> list[QuestionBase]:
    """The questions one attempt at every assessment can record, choosing the longest draw per pool."""
    def size(slot) -> int:
        inner = slot.questions if isinstance(slot, Scenario) else [slot]
        return sum(interaction_bytes(q, 0, target) for q in inner)

    records: list[QuestionBase] = []
    for assessment in module.assessments:
        for pool in assessment.pools:
            slots = sorted(pool.questions, key=size, reverse=True)[: pool.draw or len(pool.questions)]
            for slot in slots:
                records += slot.questions if isinstance(slot, Scenario) else [slot]
    return records


def worst_case_close_request(module: Module, version: str, player: PlayerContract | None = None) -> CloseRequest:
    """The longest request the LMS sends at close for this module's package of target `version` (`player`:
    the build's player contract, derived here when not given)."""
    target = target_for(version)
    d = target.data_model
    player = player or player_contract(module)
    data = player.data
    total = MOODLE_FIELDS + sum(field(key, value) for key, value in d.core.items())
    total += field(d.location, max((p["anchor"] for p in data["pages"]), key=len))
    total += field(d.suspend_data, "A" * player.state_length)
    for n, objective in enumerate(data["objectives"]):
        prefix = f"{d.objectives}.{n}."
        values = {"id": objective, "score.min": "0", "score.max": "100", "score.raw": "99.99"} | d.objective
        total += sum(field(prefix + key, value) for key, value in values.items())
    records = attempt_records(module, target)
    per_attempt = sum(interaction_bytes(q, 99, target) for q in records)  # two-digit indexes
    limits = [a.attempts for a in module.assessments]
    attempts = max([n or UNLIMITED_COUNTED for n in limits], default=0)
    return CloseRequest(version, total + per_attempt * attempts, per_attempt, attempts, 0 in limits)


def check_close_request(module: Module, player: PlayerContract, versions: list[str] | None = None) -> list[Problem]:
    """A warning for each target to build whose close-time request could pass the budget."""
    problems = []
    for version in versions or module.config.scorm:
        request = worst_case_close_request(module, version, player)
        if request.total <= CLOSE_BUDGET:
            continue
        target = target_for(version)
        attempts = f"{request.attempts} failed attempts" + (" (attempts are unlimited)" if request.unlimited else "")
        prompts = (f"shorten question prompts ({target.label} sends each one as its interaction's description)"
                   if target.data_model.describes_interactions else "use shorter question and choice ids")
        problems.append(warning(
            module.config.field_pos("scorm"),
            f"{target.label}: after {attempts}, the LMS may have to send {request.total:,} bytes when the window "
            f"closes ({request.per_attempt:,} per attempt), more than the {CLOSE_BUDGET // 1024} KB budget "
            f"(browsers refuse a save at close above {BEACON_LIMIT // 1024} KB, and the session's time is lost)",
            f"draw fewer questions per attempt, allow fewer attempts, or {prompts}; learners who leave with Exit "
            "are not affected",
            "scorm"))
    return problems
