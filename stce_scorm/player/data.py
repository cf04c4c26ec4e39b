"""What the learner player needs to know, inlined in index.html as JSON.

The player reads no file at run time (some LMS frames block that), so the pages it navigates and
the answer keys it scores with all come from here (the page renderer adds the interface words).
The same layout defines the suspend_data format, whose worst case player/state_size.py computes.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

from pydantic import BaseModel

from stce_scorm.player.answer_keys import salt, seal
from stce_scorm.source.blueprint import covers, requirements
from stce_scorm.source.markdown import block_argument, parsed, parser
from stce_scorm.source.models import (
    Assessment, DocumentInspection, FillIn, Matching, Module, MultipleResponse, Numeric, QuestionBase, Scenario, Sequencing,
    SingleChoice, TrueFalse,
)

MAX_ANSWER_LENGTH = {"fill_in": 40, "numeric": 20}
PLAYER_TEXT_KEYS = (
    "page_of", "correct", "incorrect", "unanswered", "results", "score_passed", "score_failed", "attempt_of",
    "attempt_n", "no_attempts_left", "best_score", "answer_all", "locked", "saving_failed", "saved_again",
    "state_unreadable", "finished_unsaved", "part_unavailable",
    "review_intro", "review_intro_passed", "review_intro_final", "your_answer_was", "correct_answer_was", "no_answer",
    "back_to", "question_of", "error_unanswered", "error_answer", "sequence_moved", "colon", "list_separator",
)


class PageEntry(BaseModel):
    anchor: str
    kind: str  # lesson, assessment, glossary
    checks: list[str] = []


def sealed_question_data(module: Module, question: QuestionBase, lesson_of: dict[str, str]) -> dict:
    """What the page holds of a question: its data with the answer keys sealed (player/answer_keys.py)."""
    return seal(question_data(question, lesson_of), salt(module.config.id, module.config.version, question.id))


def question_data(question: QuestionBase, lesson_of: dict[str, str]) -> dict:
    """A question's scoring data: ids and answer keys as indexes into the author's lists."""
    data: dict = {"id": question.id, "type": question.type, "points": question.points,
                  "lesson": lesson_of.get(question.objective or "", ""), "objective": question.objective or "",
                  "description": interaction_description(question.prompt)}
    if question.branch is not None:
        data["branch"] = question.branch if isinstance(question.branch, str) else question.branch.model_dump()
    if isinstance(question, (SingleChoice, MultipleResponse)):
        ids = [c.id for c in question.choices]
        correct = [question.correct] if isinstance(question, SingleChoice) else question.correct
        data |= {"choices": ids, "correct": sorted(ids.index(c) for c in correct if c in ids),
                 "shuffle": question.shuffle}
    elif isinstance(question, TrueFalse):
        data["correct"] = question.correct
    elif isinstance(question, FillIn):
        data |= {"accepted": question.accepted, "caseSensitive": question.case_sensitive}
    elif isinstance(question, Numeric):
        answer = question.correct
        data |= {"min": answer.value if answer.value is not None else answer.min,
                 "max": answer.value if answer.value is not None else answer.max}
    elif isinstance(question, Matching):
        data["pairs"] = [p.id for p in question.pairs]
    elif isinstance(question, Sequencing):
        data["items"] = [i.id for i in question.items]
        ids = data["items"]
        if question.also_accepted:
            data["orders"] = [[ids.index(i) for i in order] for order in question.also_accepted
                              if sorted(order) == sorted(ids)]
    elif isinstance(question, DocumentInspection):
        entries = question.entries()
        data |= {"entries": entries, "correct": sorted(entries.index(c) for c in question.correct if c in entries)}
    return data


# SCORM 2004 keeps 250 characters of a description; Moodle form-encodes it with every commit and at close,
# where Chromium refuses a request above 64 KiB. An accented or Arabic letter costs 6 to 9 bytes encoded,
# so the cap is in encoded bytes: about 90 English, 70 French or 20 Arabic characters, enough to
# recognise the question in an LMS report (the interaction id names it exactly).
DESCRIPTION_CHARACTERS = 250
DESCRIPTION_BYTES = 120


def encoded_size(text: str) -> int:
    """The length of `text` as the browser's encodeURIComponent writes it (what Moodle sends)."""
    return len(quote(text, safe="-_.!~*'()"))


@lru_cache(maxsize=4096)
def interaction_description(prompt: str) -> str:
    """A question's prompt as its interaction description: plain text, cut at a word within the byte budget."""
    text = plain_text(prompt, DESCRIPTION_CHARACTERS)
    if encoded_size(text) <= DESCRIPTION_BYTES:
        return text
    words = text.rstrip("…").split(" ")
    while len(words) > 1 and encoded_size(" ".join(words) + "…") > DESCRIPTION_BYTES:
        words.pop()
    cut = " ".join(words)
    while encoded_size(cut + "…") > DESCRIPTION_BYTES:  # one word longer than the budget
        cut = cut[:-1]
    return cut.rstrip() + "…"


@lru_cache(maxsize=4096)
def plain_text(markdown: str, limit: int) -> str:
    """Markdown as one line of plain text (LMS reports show the question this way), at most `limit` characters."""
    rendered = parser().renderer.render(parsed(markdown), parser().options, {})  # the checks' parse, not another
    text = re.sub(r"<[^>]+>", "", rendered)
    text = " ".join(html.unescape(text).split()).lstrip("{")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def assessment_data(module: Module, assessment: Assessment, lesson_of: dict[str, str]) -> dict:
    needs = requirements(module, assessment)

    def entry(question) -> dict:
        data: dict
        if isinstance(question, Scenario):
            data = {"id": question.id, "type": "scenario",
                    "questions": [sealed_question_data(module, q, lesson_of) for q in question.questions]}
        else:
            data = sealed_question_data(module, question, lesson_of)
        if needs:
            data["covers"] = covers(question, needs)
        return data

    return {
        "id": assessment.id, "attempts": assessment.attempts, "shuffleQuestions": assessment.shuffle_questions,
        "shuffleChoices": assessment.shuffle_choices, "showCorrect": assessment.show_correct_answers,
        "timeLimit": assessment.time_limit_minutes,
        "blueprint": [{"id": r.id, "need": r.need} for r in needs],
        "pools": [{"id": pool.id, "draw": pool.draw or len(pool.questions),
                   "questions": [entry(q) for q in pool.questions]} for pool in assessment.pools],
    }


def page_entries(module: Module) -> list[PageEntry]:
    """Every page the player shows, in order: lesson pages, then assessments, then the glossary."""
    entries = []
    for lesson in module.lessons:
        for page in lesson.pages:
            checks = [block_argument(token) for token in parsed(page.markdown)
                      if token.type == "container_check_open"]
            entries.append(PageEntry(anchor=f"{lesson.id}-{page.id}", kind="lesson", checks=checks))
    entries += [PageEntry(anchor=f"assessment-{a.id}", kind="assessment") for a in module.assessments]
    if module.glossary:
        entries.append(PageEntry(anchor="glossary", kind="glossary"))
    return entries


def player_data(module: Module) -> dict:
    """The JSON the player starts from, the same for every output target and language of the interface."""
    lesson_of = {o.id: lesson.id for lesson in module.lessons for o in lesson.objectives}
    config = module.config
    data = {
        "id": config.id, "version": config.version, "title": config.title,
        "navigation": config.navigation, "completion": config.tracking.completed_when,
        "passingScore": config.tracking.passing_score, "failedStatus": config.tracking.on_assessment_failed,
        "pages": [p.model_dump() for p in page_entries(module)],
        "checks": [q.id for q in module.knowledge_checks],
        "questions": {q.id: sealed_question_data(module, q, lesson_of) for q in module.knowledge_checks},
        "assessments": [assessment_data(module, a, lesson_of) for a in module.assessments],
        "objectives": [o.id for lesson in module.lessons for o in lesson.objectives] if module.assessments else [],
    }
    data["fingerprint"] = fingerprint(data)
    data["onePerScreen"] = config.one_question_per_screen
    return data


def fingerprint(data: dict) -> int:
    """A 24-bit hash of the state layout: saved state from a build with another layout is not misread."""
    layout = {key: data[key] for key in ("pages", "checks", "questions", "assessments", "objectives")}
    digest = hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).digest()
    return int.from_bytes(digest[:3], "big")
