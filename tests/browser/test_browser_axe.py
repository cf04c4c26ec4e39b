"""The axe gate: axe-core finds no WCAG 2.2 A/AA violation on any page or state of either bundled module,
at 1280 and 320 CSS px. States: every page with its accordions open and its knowledge checks answered,
a check submitted unanswered, a glossary definition open, the assessment before, during, submitted
incomplete, failed and passed, the glossary page, the exit confirmation and the finished screen.

Pages are reached by the player's own navigation (Next), as a learner would."""


import pytest
from playwright.sync_api import Page, expect

from axe import violations
from learner import answer, answer_assessment, go_next, page_count, questions_by_id
from repo_paths import EXAMPLE_MODULE, WMD_MODULE
from stce_scorm import load_module

MODULES = {"example": EXAMPLE_MODULE, "wmd": WMD_MODULE}


class Audit:
    """Runs axe on the page and files what it finds under a state's name."""

    def __init__(self, page: Page):
        self.page, self.found, self.states = page, {}, 0

    def __call__(self, state: str) -> None:
        self.states += 1
        found = violations(self.page)
        if found:
            self.found[state] = found


def open_every_accordion(page: Page) -> None:
    page.locator("section[data-page]:visible details:not([open]) > summary").evaluate_all(
        "summaries => summaries.forEach(s => s.click())")


def answer_checks(page: Page, questions: dict, audit: Audit, first_error: list[bool]) -> None:
    for box in page.locator("section[data-page]:visible [data-check]").all():
        if not first_error[0]:  # once per module: a check submitted with no answer
            box.get_by_role("button", name="Check answer").click()
            audit("knowledge check submitted unanswered")
            first_error[0] = True
        answer(page, questions[box.get_attribute("data-check")], correct=False)
        box.get_by_role("button", name="Check answer").click()


def assessment_states(page: Page, module, audit: Audit) -> None:
    audit("assessment before the start")
    page.get_by_role("button", name="Start the assessment").click()
    audit("assessment in progress")
    page.get_by_role("button", name="Submit").click()
    audit("assessment submitted incomplete")
    answer_assessment(page, module, correct=False)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("[data-results-score]")).to_contain_text("The pass mark is")
    audit("assessment failed")
    page.get_by_role("button", name="Try again").click()
    answer_assessment(page, module, correct=True)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("[data-results-score]")).to_contain_text("You passed")
    audit("assessment passed")


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name", MODULES)
def test_no_axe_violations_on_any_page_or_state(page, serve, built_site, name, width):
    module, _ = load_module(MODULES[name])
    questions = questions_by_id(module)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(serve(built_site(MODULES[name], "2004")) + "/index.html")
    audit, first_error, glossary_opened = Audit(page), [False], False
    total = page_count(page)
    for number in range(total):
        section = page.locator("section[data-page]:visible")
        title = section.locator("h1").inner_text()
        if section.get_attribute("data-assessment"):
            assessment_states(page, module, audit)
        else:
            open_every_accordion(page)
            answer_checks(page, questions, audit, first_error)
            audit(f"page {number + 1}: {title}")
        term = section.locator("a.glossary-term").first
        if not glossary_opened and term.count():
            term.click()
            audit("glossary definition open")
            page.keyboard.press("Escape")
            glossary_opened = True
        if number < total - 1:
            go_next(page)
    page.get_by_role("button", name="Exit").click()
    audit("exit confirmation")
    page.get_by_role("dialog").get_by_role("button", name="Exit").click()
    audit("finished")
    assert audit.states >= total + 8
    assert audit.found == {}
