"""The largest suspend_data a module's learner state can reach, against each SCORM version's limit.

SCORM 1.2 keeps 4,096 characters, 2004 keeps 64,000; state beyond that is lost, and with it the
learner's progress. The player's format (runtime/state.js) is bit-packed indexes, so its worst
case follows from the module's structure alone; this module mirrors that format exactly
(a browser test checks the two agree).
"""

from __future__ import annotations

import math

from stce_scorm.errors import Problem, error
from stce_scorm.render.player_data import MAX_ANSWER_LENGTH, page_entries, player_data
from stce_scorm.scorm.formats import FORMATS
from stce_scorm.source.models import (
    DocumentInspection, FillIn, Matching, Module, MultipleResponse, Numeric, QuestionBase, Scenario, Sequencing, SingleChoice, TrueFalse,
)

SEED_MAX = 2**30 - 1
ATTEMPTS_MAX = 9999
ELAPSED_MAX = 1048575
SCORE_MAX = 100 * 100 + 1
CODE_POINT_MAX = 0xFFFF  # the player keeps typed answers to the Basic Multilingual Plane


def varint_length(value: int) -> int:
    """Characters of one number: 5 data bits per base64url character."""
    return max(1, math.ceil(value.bit_length() / 5))


def text_length(max_chars: int) -> int:
    return varint_length(max_chars) + max_chars * varint_length(CODE_POINT_MAX)


def response_length(question: QuestionBase) -> int:
    if isinstance(question, SingleChoice):
        return varint_length(len(question.choices))
    if isinstance(question, MultipleResponse):
        return varint_length(2 ** len(question.choices))
    if isinstance(question, TrueFalse):
        return 1
    if isinstance(question, (FillIn, Numeric)):
        return text_length(MAX_ANSWER_LENGTH[question.type])
    if isinstance(question, Matching):
        return len(question.pairs) * varint_length(len(question.pairs))
    if isinstance(question, Sequencing):
        return len(question.items) * varint_length(len(question.items))
    if isinstance(question, DocumentInspection):
        return math.ceil(len(question.entries()) / 6)  # a bitset: one flag per entry
    raise TypeError(question)


def slot_length(question) -> int:
    if isinstance(question, Scenario):
        return sum(response_length(q) for q in question.questions)
    return response_length(question)


def worst_case_state_length(module: Module) -> int:
    """The longest suspend_data the player can write for this module."""
    pages = len(page_entries(module))
    fingerprint = player_data(module, module.config.scorm[0], {})["fingerprint"]
    total = (varint_length(1) + varint_length(fingerprint) + varint_length(pages - 1) + math.ceil(pages / 6)
             + varint_length(SEED_MAX))
    total += sum(response_length(q) for q in module.knowledge_checks)
    for assessment in module.assessments:
        total += (varint_length(ATTEMPTS_MAX) + varint_length(SCORE_MAX) + 1 + varint_length(SEED_MAX) + 1
                  + varint_length(ELAPSED_MAX))
        for pool in assessment.pools:
            sizes = sorted((slot_length(q) for q in pool.questions), reverse=True)
            total += sum(sizes[: pool.draw or len(sizes)])
    return total


def check_budget(module: Module, versions: list[str] | None = None) -> list[Problem]:
    """An error for each SCORM version whose suspend_data limit the state could exceed."""
    problems = []
    worst = worst_case_state_length(module)
    for version in versions or module.config.scorm:
        limit = FORMATS[version].suspend_data_limit
        if worst > limit:
            problems.append(error(
                module.config.field_pos("scorm"),
                f"the learner's saved state can reach {worst:,} characters, more than SCORM {version} keeps "
                f"({limit:,}): progress would be lost",
                "draw fewer questions, use fewer fill-in or numeric questions (each can take "
                f"{text_length(MAX_ANSWER_LENGTH['fill_in'])} characters), split the module, or build only SCORM 2004",
                "scorm"))
    return problems
