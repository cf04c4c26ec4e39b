"""A learner with a keyboard and no mouse completes the example module, assessment included, at a desktop
width and at 320 px (400% zoom of a 1280 px screen). After every move the focused element must be on screen
and not covered by anything (the Previous/Next bar, a header): WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from learner import page_count
from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.source.models import (
    DocumentInspection, FillIn, Matching, MultipleResponse, Numeric, QuestionBase, Scenario, Sequencing, SingleChoice, TrueFalse,
)

MODULE, _ = load_module(EXAMPLE_MODULE)
QUESTIONS = {q.id: q for q in MODULE.all_questions()}
SCENARIOS = {q.id: q for a in MODULE.assessments for p in a.pools for q in p.questions if isinstance(q, Scenario)}

# Any pointer event at all fails the test: the learner here has only a keyboard.
NO_POINTER = """(() => {
  window.__pointer = [];
  for (const type of ["pointerdown", "mousedown", "mouseup", "touchstart"])
    addEventListener(type, e => window.__pointer.push(type), true);
})()"""

# Where the focus is, whether it is fully inside the window, and what is drawn at its centre.
FOCUS_PLACE = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect();
  const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, innerHeight) / 2);
  return {what: el.outerHTML.slice(0, 80), inside, uncovered: !!hit && (hit === el || el.contains(hit))};
}"""


def assert_focus_visible(page: Page, moment: str) -> None:
    place = page.evaluate(FOCUS_PLACE)
    assert place["inside"] and place["uncovered"], f"{moment}: {place}"
    assert not place["what"].startswith("<body"), f"{moment}: focus fell back to <body>"


def tab_to(page: Page, selector: str, limit: int = 300) -> None:
    """Press Tab until the focused element matches `selector`; check it is visible on arrival."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert_focus_visible(page, f"tabbing to {selector}")
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never took focus by Tab")


def answer_by_keyboard(page: Page, question: QuestionBase) -> None:
    """Give the right answer with keys alone: arrows in radio groups, Space on checkboxes, typing, select keys."""
    box = f'[data-question="{question.id}"]'
    if isinstance(question, (SingleChoice, TrueFalse)):
        wanted = question.correct if isinstance(question, SingleChoice) else str(question.correct).lower()
        tab_to(page, f"{box} input[type=radio]")
        for _ in range(12):
            if page.evaluate("() => document.activeElement.value") == wanted:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    elif isinstance(question, MultipleResponse):
        for choice in question.choices:
            tab_to(page, f'{box} input[value="{choice.id}"]')
            if choice.id in question.correct:
                page.keyboard.press("Space")
    elif isinstance(question, (FillIn, Numeric)):
        tab_to(page, f"{box} input[type=text]")
        value = question.accepted[0] if isinstance(question, FillIn) else question.correct.value or question.correct.min
        page.keyboard.type(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
    elif isinstance(question, Matching):
        targets = sorted(p.target for p in question.pairs)
        for pair in question.pairs:
            tab_to(page, f'{box} [data-source="{pair.id}"] select')
            for _ in range(targets.index(pair.target) + 1):
                page.keyboard.press("ArrowDown")
    elif isinstance(question, Sequencing):
        texts = [item.text for item in question.items]
        for position, text in enumerate(texts):
            while True:
                current = page.locator(f"{box} .sequence-text").all_inner_texts().index(text)
                if current == position:
                    break
                item = question.items[texts.index(text)].id
                tab_to(page, f'{box} [data-item="{item}"] [data-move="-1"]')
                page.keyboard.press("Enter")
                expect(page.locator(f"{box} [data-sequence-status]")).to_contain_text(f"position {current} of")
    elif isinstance(question, DocumentInspection):
        for entry in question.correct:
            tab_to(page, f'{box} input[type=checkbox][value="{entry}"]')
            page.keyboard.press("Space")
    else:
        raise TypeError(question)
    page.keyboard.press("Tab")  # leave the last field: a typed answer counts once the field is left


@pytest.mark.parametrize("width", [1280, 320])
def test_keyboard_alone_completes_the_module_with_focus_always_in_view(browser, serve, built_site, width):
    context = browser.new_context(viewport={"width": width, "height": 720})
    page = context.new_page()
    page.add_init_script(NO_POINTER)
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    total = page_count(page)
    for number in range(total):
        section = page.locator("section[data-page]:visible")
        if section.get_attribute("data-assessment"):
            break
        for check in section.locator("[data-check]").all():
            question = QUESTIONS[check.get_attribute("data-check")]
            answer_by_keyboard(page, question)
            tab_to(page, f'[data-check="{question.id}"] [data-check-answer]')
            page.keyboard.press("Enter")
            feedback = check.locator("[data-feedback]")
            expect(feedback).to_be_focused()
            expect(feedback).to_contain_text("Correct.")
            assert_focus_visible(page, f"feedback of {question.id}")
        tab_to(page, "#next-page")
        page.keyboard.press("Enter")
        heading = page.locator("section[data-page]:visible h1")
        expect(heading).to_be_focused()
        assert_focus_visible(page, f"after Next to page {number + 2}")

    tab_to(page, "[data-start]")
    page.keyboard.press("Enter")
    assert_focus_visible(page, "after Start the assessment")
    expect(page.locator("[data-slot]:visible legend").first).to_be_focused()
    expect(page.locator("[data-slot]:visible legend").first).to_contain_text("Question 1 of")

    tab_to(page, "[data-submit]")  # nothing answered yet: the error summary takes the focus
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert_focus_visible(page, "error summary")
    page.keyboard.press("Tab")
    link = summary.locator("[data-error-link]").first
    expect(link).to_be_focused()
    # Its first link leads to the first unanswered question's first control. That is not always the first
    # question on screen: a sequencing question always holds an order, so it is never unanswered.
    target = page.locator(f'[data-slot]:visible [data-question="{link.get_attribute("data-error-link")}"]')
    page.keyboard.press("Enter")
    assert page.evaluate("el => el.contains(document.activeElement)", target.element_handle())
    assert_focus_visible(page, "after following the error summary")

    answered: list[str] = []
    while True:  # a branching scenario shows its next question once the one before is answered
        shown = page.locator("[data-slot]:visible [data-question]:visible").evaluate_all(
            "els => els.map(e => e.getAttribute('data-question'))")
        new = [q for q in shown if q not in answered]
        if not new:
            break
        answer_by_keyboard(page, QUESTIONS[new[0]])
        answered.append(new[0])
    tab_to(page, "[data-submit]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-results]")).to_be_focused()
    expect(page.locator("[data-results]")).to_contain_text("You passed")
    assert_focus_visible(page, "results")

    tab_to(page, "#exit-button")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Leave the module?")
    expect(dialog).to_be_visible()
    tab_to(page, "[data-exit-confirm]")
    page.keyboard.press("Enter")
    expect(page.locator("#finished")).to_be_focused()
    assert page.evaluate("window.__pointer") == []
    context.close()
