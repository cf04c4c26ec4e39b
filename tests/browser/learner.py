"""A learner at the keyboard: finds controls by role and accessible name, as a screen-reader user would,
and answers questions right or wrong from the module's own answer keys.

Names are the player's words: English unless a test passes another language's `ui_words(...)`."""

from __future__ import annotations

import re
from functools import cache

import yaml
from playwright.sync_api import Frame, Page, expect

from repo_paths import REPO

from stce_scorm.source.models import (
    DocumentInspection, FillIn, Matching, Module, MultipleResponse, Numeric, QuestionBase, Scenario, Sequencing, SingleChoice, TrueFalse,
)


@cache
def ui_words(language: str = "en") -> dict:
    """The player's words in `language`, as the base theme's catalog gives them."""
    return yaml.safe_load((REPO / "themes" / "base" / "locale" / f"{language}.yaml").read_text(encoding="utf-8"))


ENGLISH = ui_words("en")


def heading(frame: Frame | Page, title: str):
    return frame.get_by_role("heading", level=1, name=title, exact=True)


def go_next(frame: Frame | Page, words: dict = ENGLISH) -> None:
    """Next, and wait until the next page shows: its fragment (pages/*.js) may still be arriving."""
    progress = frame.locator("#progress-text")
    before = progress.inner_text()
    frame.get_by_role("button", name=words["next"], exact=True).click()
    expect(progress).not_to_have_text(before)


def page_count(frame: Frame | Page) -> int:
    """Pages in the module, the ones not arrived yet included."""
    return frame.evaluate("STCE.config.pages.length")


def exit_module(frame: Frame | Page) -> None:
    """Exit, and confirm in the dialog that asks first."""
    frame.get_by_role("button", name="Exit").click()
    frame.get_by_role("dialog", name="Leave the module?").get_by_role("button", name="Exit").click()


def questions_by_id(module: Module) -> dict[str, QuestionBase]:
    found: dict[str, QuestionBase] = {q.id: q for q in module.all_questions()}
    return found


def answer(frame: Frame | Page, question: QuestionBase, correct: bool, words: dict = ENGLISH) -> None:
    """Answer one question through its controls; `correct=False` gives a wrong answer."""
    box = frame.locator(f'[data-question="{question.id}"]')
    if isinstance(question, SingleChoice):
        choice = next(c for c in question.choices if (c.id == question.correct) == correct)
        box.get_by_role("radio", name=choice.text).check()
    elif isinstance(question, MultipleResponse):
        for choice in question.choices:
            wanted = choice.id in question.correct if correct else choice.id not in question.correct
            checkbox = box.get_by_role("checkbox", name=choice.text)
            checkbox.check() if wanted else checkbox.uncheck()
    elif isinstance(question, TrueFalse):
        box.get_by_role("radio", name=words["answer_true"] if question.correct == correct else words["answer_false"],
                        exact=True).check()
    elif isinstance(question, FillIn):
        box.get_by_role("textbox", name=words["your_answer"]).fill(question.accepted[0] if correct else "nothing like it")
        box.get_by_role("textbox", name=words["your_answer"]).blur()  # the answer counts once the field is left
    elif isinstance(question, Numeric):
        value = question.correct.value if question.correct.value is not None else question.correct.min
        box.get_by_role("textbox", name=words["your_answer"]).fill(_number(value if correct else value + 1000))
        box.get_by_role("textbox", name=words["your_answer"]).blur()
    elif isinstance(question, Matching):
        targets = [p.target for p in question.pairs]
        for index, pair in enumerate(question.pairs):
            target = targets[index] if correct else targets[(index + 1) % len(targets)]
            box.get_by_role("combobox", name=pair.source).select_option(label=target)
    elif isinstance(question, Sequencing):
        order = [i.text for i in question.items] if correct else [i.text for i in reversed(question.items)]
        put_in_order(box, order, words)
    elif isinstance(question, DocumentInspection):
        for entry, name in entry_names(question).items():
            checkbox = box.get_by_role("checkbox", name=name, exact=True)
            checkbox.check() if (entry in question.correct) == correct else checkbox.uncheck()
    else:
        raise TypeError(question)


def entry_names(question: DocumentInspection) -> dict[str, str]:
    """The accessible name of each entry's checkbox, as a screen reader announces it: the document title,
    then the label and value of a field, or each column heading with its cell for a goods line."""
    names = {}
    for document in question.documents:
        for field in document.fields:
            names[f"{document.id}.{field.id}"] = " ".join(f"{document.title} {field.label} {field.value}".split())
        for row in document.lines.rows if document.lines else []:
            pairs = " ".join(f"{column} {cell}" for column, cell in zip(document.lines.columns, row.cells))
            names[f"{document.id}.{row.id}"] = " ".join(f"{document.title} {pairs}".split())
    return names


def put_in_order(box, texts: list[str], words: dict = ENGLISH) -> None:
    """Reorder a sequencing list with its move-up buttons, pressing them with the keyboard."""
    for position, text in enumerate(texts):
        while True:
            items = box.locator("[data-item] .sequence-text").all_inner_texts()
            current = items.index(text)
            if current == position:
                break
            button = box.get_by_role("button", name=f"{words['move_up']}{words['colon']} {text}")
            button.focus()
            button.press("Enter")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def answer_assessment(frame: Frame | Page, module: Module, correct: bool | dict[str, bool],
                      words: dict = ENGLISH) -> list[str]:
    """Answer every question the attempt drew (visible on the page); returns their ids in order.

    `correct` is one verdict for all, or per question id."""
    questions = questions_by_id(module)
    scenarios = {q.id: q for a in module.assessments for p in a.pools for q in p.questions if isinstance(q, Scenario)}
    drawn = []
    for slot in frame.locator("[data-slot]:visible").all():
        slot_id = slot.get_attribute("data-slot")
        inner = scenarios[slot_id].questions if slot_id in scenarios else [questions[slot_id]]
        for question in inner:  # in a branching scenario, each answer shows the question it leads to
            if not frame.locator(f'[data-question="{question.id}"]').is_visible():
                continue
            verdict = correct if isinstance(correct, bool) else correct.get(question.id, True)
            answer(frame, question, verdict, words)
            drawn.append(question.id)
    return drawn


def wait_for_status(page: Page, element: str, value: str) -> None:
    page.wait_for_function(f"window.lmsState()[{element!r}] === {value!r}")


def accessible_title(title: str) -> re.Pattern:
    return re.compile("^" + re.escape(title) + " – ")


__all__ = ["answer", "answer_assessment", "entry_names", "exit_module", "expect", "go_next", "heading", "page_count", "put_in_order", "questions_by_id"]
