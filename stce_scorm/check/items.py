"""Item-writing lint: the cues that let a test-wise learner score without knowing the answer.

Each rule yields findings with the question's position and a one-line reason; module.yaml
`quality.items` says whether a rule is a warning (the default), an error, or off. The same findings
feed the per-bank table of `stce-scorm check --items` (check/item_table.py).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from stce_scorm.errors import Problem, SourcePos, error, warning
from stce_scorm.source.blueprint import requirements
from stce_scorm.source.models import (
    Module, MultipleResponse, QuestionBase, Scenario, SingleChoice, TrueFalse,
)

# "always", "never"... make a statement false in most real cases; "can", "may"... true.
ABSOLUTE_WORDS = {"always", "never", "only", "all", "none", "every", "must", "cannot", "impossible", "entirely"}
HEDGE_WORDS = {"can", "may", "might", "sometimes", "often", "usually", "some", "could", "possibly"}
ORDERED_OPTION = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them|options|choices|answers)\b"
                            r"|\bboth [a-d] and [a-d]\b|\b[a-d] and [a-d] (only|above)\b", re.IGNORECASE)
MIN_TEACHING_WORDS = 4
LONGEST_KEY_MIN_EXTRA = 10  # characters: "Yes" against "No" is not a cue


@dataclass(frozen=True)
class Bank:
    """Questions a learner meets together: the knowledge checks, or one assessment."""

    name: str
    questions: Sequence[QuestionBase]
    shuffles: bool  # choices are shown in a shuffled order (unless a question says shuffle: false)


@dataclass(frozen=True)
class Finding:
    rule: str
    question_id: str
    pos: SourcePos
    message: str
    hint: str


def banks(module: Module) -> list[Bank]:
    out = [Bank("knowledge checks", list(module.knowledge_checks), True)] if module.knowledge_checks else []
    for assessment in module.assessments:
        questions = [q for pool in assessment.pools for slot in pool.questions
                     for q in (slot.questions if isinstance(slot, Scenario) else [slot])]
        out.append(Bank(f"assessment '{assessment.id}'", questions, assessment.shuffle_choices))
    return out


def plain(markdown: str) -> str:
    """Text as read: Markdown marks and extra spaces removed, lower case."""
    return " ".join(re.sub(r"[*_`#>\[\]]|\]\([^)]*\)", " ", markdown).split()).lower()


def shuffled(bank: Bank, question: QuestionBase) -> bool:
    return bank.shuffles and getattr(question, "shuffle", True)


def key_index(question: SingleChoice) -> int:
    return [c.id for c in question.choices].index(question.correct) if question.correct in {
        c.id for c in question.choices} else -1


def length_ratio(question: SingleChoice) -> float | None:
    """Length of the key over the longest wrong option (in characters of plain text)."""
    index = key_index(question)
    others = [len(plain(c.text)) for i, c in enumerate(question.choices) if i != index]
    if index < 0 or not others or max(others) == 0:
        return None
    return len(plain(question.choices[index].text)) / max(others)


# --- the rules ---------------------------------------------------------------------------------


def longest_key(bank: Bank, module: Module, ratio: float) -> list[Finding]:
    found = []
    for q in bank.questions:
        if not isinstance(q, SingleChoice) or (r := length_ratio(q)) is None:
            continue
        key = len(plain(q.choices[key_index(q)].text))
        longest_other = round(key / r)
        if r >= ratio and key - longest_other >= LONGEST_KEY_MIN_EXTRA:
            found.append(Finding("longest_key", q.id, q.field_pos("correct"),
                                 f"the key of '{q.id}' is markedly the longest option ({key} characters, the longest "
                                 f"wrong one {longest_other}): test-wise learners pick the longest",
                                 "shorten the key or give the wrong options the same level of detail"))
    return found


def key_positions(bank: Bank, module: Module) -> list[Finding]:
    """As written; only reported where the learner sees the written order (no shuffling)."""
    items = [q for q in bank.questions if isinstance(q, SingleChoice) and not shuffled(bank, q)]
    if len(items) < 4:
        return []
    counts = Counter(key_index(q) for q in items)
    position, most = counts.most_common(1)[0]
    if most * 2 <= len(items):
        return []
    first = next(q for q in items if key_index(q) == position)
    return [Finding("key_positions", first.id, first.pos,
                    f"{most} of the {len(items)} unshuffled single-choice keys in the {bank.name} are option "
                    f"{position + 1}: learners can guess the position",
                    "move keys to other positions, or let the choices shuffle (remove shuffle: false)")]


def wrong_option_counts(bank: Bank, module: Module) -> list[Finding]:
    items = [q for q in bank.questions if isinstance(q, MultipleResponse)]
    wrong = {len(q.choices) - len(set(q.correct)) for q in items}
    if len(items) < 3 or len(wrong) != 1:
        return []
    [n] = wrong
    return [Finding("wrong_option_counts", items[0].id, items[0].pos,
                    f"all {len(items)} multiple-response items in the {bank.name} have exactly {n} wrong option(s): "
                    f"learners learn to tick all but {n}",
                    "vary how many options are wrong from item to item")]


def true_false_cues(bank: Bank, module: Module) -> list[Finding]:
    found = []
    for q in bank.questions:
        if not isinstance(q, TrueFalse):
            continue
        words = set(re.findall(r"[a-z']+", plain(q.prompt)))
        if not q.correct and words & ABSOLUTE_WORDS:
            cue = sorted(words & ABSOLUTE_WORDS)[0]
            found.append(Finding("true_false_cues", q.id, q.field_pos("prompt"),
                                 f"'{q.id}' says '{cue}' and is false: absolute statements are usually false",
                                 "reword without the absolute, or write a true statement that uses it"))
        if q.correct and words & HEDGE_WORDS:
            cue = sorted(words & HEDGE_WORDS)[0]
            found.append(Finding("true_false_cues", q.id, q.field_pos("prompt"),
                                 f"'{q.id}' says '{cue}' and is true: hedged statements are usually true",
                                 "reword without the hedge, or write a false statement that uses it"))
    return found


def near_duplicates(bank: Bank, module: Module, similarity: float) -> list[Finding]:
    """A final item a learner has already answered, almost word for word, in a knowledge check."""
    if bank.name == "knowledge checks":
        return []
    checks = [(kc, _item_text(kc)) for kc in module.knowledge_checks]
    found = []
    for q in bank.questions:
        text = _item_text(q)
        for kc, kc_text in checks:
            if not might_be_similar(text, kc_text, similarity):
                continue
            matcher = difflib.SequenceMatcher(None, text, kc_text, autojunk=False)
            if matcher.ratio() >= similarity:
                found.append(Finding("near_duplicates", q.id, q.field_pos("prompt"),
                                     f"'{q.id}' is {matcher.ratio():.0%} the same text as knowledge check '{kc.id}': "
                                     f"it tests recall of the check, not the objective",
                                     "ask about the objective in a new situation"))
                break
    return found


def might_be_similar(a: str, b: str, similarity: float) -> bool:
    """False only when difflib's ratio of `a` and `b` is certainly below `similarity`: a cheap exact bound.

    difflib's matching blocks form a common subsequence, so its ratio (2 * matched / total length) is at
    most the longest common subsequence's, which rapidfuzz's Indel similarity computes in C in microseconds.
    Comparing every final item with every knowledge check by difflib alone took a second per build."""
    return Indel.normalized_similarity(a, b) >= similarity - 1e-9  # the margin absorbs float rounding


def _item_text(question: QuestionBase) -> str:
    options = [plain(c.text) for c in getattr(question, "choices", [])]
    return " | ".join([plain(question.prompt), *options])


def under_tested(bank: Bank, module: Module) -> list[Finding]:
    """Objectives an assessment does not test, or tests with fewer questions than its blueprint needs per
    attempt (the blueprint's proof then fails too; this names the count)."""
    assessment = next((a for a in module.assessments if bank.name == f"assessment '{a.id}'"), None)
    if assessment is None:
        return []
    counts = Counter(q.objective for q in bank.questions)
    found = []
    needs = {r.id.removeprefix("objective:"): r for r in requirements(module, assessment) if r.id.startswith("objective:")}
    for lesson in module.lessons:
        for objective in lesson.objectives:
            have = counts.get(objective.id, 0)
            need = needs[objective.id].need if objective.id in needs else 0
            if have == 0 and not need:
                found.append(Finding("under_tested", objective.id, objective.pos,
                                     f"objective '{objective.id}' is not tested by the {bank.name}",
                                     f"add questions with 'objective: {objective.id}'"))
            elif have < need:
                found.append(Finding("under_tested", objective.id, objective.pos,
                                     f"objective '{objective.id}' has {have} question(s) in the {bank.name}, fewer "
                                     f"than the {need} its blueprint needs per attempt",
                                     f"write at least {need} questions for it, better {2 * need} so retakes vary"))
    return found


def feedback(bank: Bank, module: Module) -> list[Finding]:
    found = []
    for q in bank.questions:
        right, wrong = plain(q.feedback.correct), plain(q.feedback.incorrect)
        if right == wrong:
            found.append(Finding("feedback", q.id, q.field_pos("feedback"),
                                 f"'{q.id}' gives the same feedback for a right and a wrong answer",
                                 "say why the answer is right, and teach the point when it is wrong"))
        elif len(wrong.split()) < MIN_TEACHING_WORDS:
            found.append(Finding("feedback", q.id, q.feedback.field_pos("incorrect"),
                                 f"the feedback on a wrong answer to '{q.id}' does not teach ('{q.feedback.incorrect}')",
                                 "explain the right answer in a sentence"))
        choices = getattr(q, "choices", [])
        choice_notes = [plain(c.feedback) for c in choices if c.feedback]
        if len(choice_notes) >= 2 and len(set(choice_notes)) == 1 and len(choice_notes) == len(choices):
            found.append(Finding("feedback", q.id, q.field_pos("choices"),
                                 f"every option of '{q.id}' has the same feedback",
                                 "say why each option is right or wrong, or keep only the general feedback"))
    return found


def ordered_options(bank: Bank, module: Module) -> list[Finding]:
    found = []
    for q in bank.questions:
        if not isinstance(q, (SingleChoice, MultipleResponse)) or not shuffled(bank, q):
            continue
        for index, choice in enumerate(q.choices):
            if ORDERED_OPTION.search(plain(choice.text)):
                found.append(Finding("ordered_options", q.id, q.field_pos("choices", index),
                                     f"option '{choice.id}' of '{q.id}' refers to other options ('{choice.text}') "
                                     f"but the choices are shuffled",
                                     "add 'shuffle: false' to the question, or rewrite the option"))
    return found


def no_spare(bank: Bank, module: Module) -> list[tuple[str, int]]:
    """Objectives with exactly the questions the blueprint needs: every attempt (and retake) shows them all."""
    assessment = next((a for a in module.assessments if bank.name == f"assessment '{a.id}'"), None)
    if assessment is None:
        return []
    counts = Counter(q.objective for q in bank.questions)
    return [(r.id.removeprefix("objective:"), r.need) for r in requirements(module, assessment)
            if r.id.startswith("objective:") and counts.get(r.id.removeprefix("objective:"), 0) == r.need]


def findings(module: Module) -> list[Finding]:
    """Every rule's findings over every bank, whatever the module's severity settings."""
    rules = module.config.quality.items
    out: list[Finding] = []
    for bank in banks(module):
        out += longest_key(bank, module, rules.longest_key_ratio)
        out += key_positions(bank, module)
        out += wrong_option_counts(bank, module)
        out += true_false_cues(bank, module)
        out += near_duplicates(bank, module, rules.similarity)
        out += under_tested(bank, module)
        out += feedback(bank, module)
        out += ordered_options(bank, module)
    return out


def check_items(module: Module) -> list[Problem]:
    """The findings as warnings or errors, as module.yaml `quality.items` asks."""
    rules = module.config.quality.items
    problems = []
    for finding in findings(module):
        severity = getattr(rules, finding.rule)
        if severity != "off":
            make = error if severity == "error" else warning
            problems.append(make(finding.pos, finding.message, finding.hint, finding.rule))
    return problems
