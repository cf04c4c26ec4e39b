"""The longest suspend_data the player can write for a module.

The player's saved state (runtime/state.js) is bit-packed indexes, so its worst case follows from
the module's structure alone; this module mirrors that format exactly (a browser test checks the
two agree). Each output target compares the figure with what its LMS keeps (check/budget.py).
"""

from __future__ import annotations

import math

from stce_scorm.player.data import MAX_ANSWER_LENGTH, page_entries
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


def worst_case_state_length(module: Module, fingerprint: int) -> int:
    """The longest suspend_data the player can write for this module (`fingerprint`: its player data's)."""
    pages = len(page_entries(module))
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
