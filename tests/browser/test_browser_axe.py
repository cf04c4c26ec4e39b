"""The axe gate: axe-core finds no WCAG 2.2 A/AA violation on any page or state of either bundled module, nor
of the Arabic test module (right to left, the player's Arabic words), at 1280 and 320 CSS px. States: every page with its accordions open and its knowledge checks answered,
a check submitted unanswered, a glossary definition open, the assessment before, during, submitted
incomplete, failed and passed, the glossary page, the exit confirmation and the finished screen.

Pages are reached by the player's own navigation (Next), as a learner would, once per module: each state is
checked at every width in turn (the layout follows the viewport through CSS alone; the player's only width
rule, folding the contents on a narrow screen after Next, leaves them folded either way), so the walk, which
costs more than axe itself, is not repeated per width."""


import pytest
from playwright.sync_api import Page, expect

from axe import violations
from learner import answer, answer_assessment, go_next, page_count, questions_by_id, ui_words
from repo_paths import ARABIC_MODULE, EXAMPLE_MODULE, WMD_MODULE
from stce_scorm import load_module

MODULES = {"example": EXAMPLE_MODULE, "wmd": WMD_MODULE, "arabic": ARABIC_MODULE}


WIDTHS = (1280, 320)  # CSS px: a desktop, and 400% zoom of it (WCAG 1.4.10 reflow)
HEIGHT = 800


class Audit:
    """Runs axe on the page at each width and files what it finds under the state's name and the width."""

    def __init__(self, page: Page):
        self.page, self.found, self.states = page, {}, 0

    def __call__(self, state: str) -> None:
        self.states += 1
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            found = violations(self.page)
            if found:
                self.found[f"{state} at {width} px"] = found
        self.page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})


def open_every_accordion(page: Page) -> None:
    page.locator("section[data-page]:visible details:not([open]) > summary").evaluate_all(
        "summaries => summaries.forEach(s => s.click())")


def answer_checks(page: Page, questions: dict, audit: Audit, first_error: list[bool], words: dict) -> None:
    for box in page.locator("section[data-page]:visible [data-check]").all():
        if not first_error[0]:  # once per module: a check submitted with no answer
            box.get_by_role("button", name=words["check_answer"]).click()
            audit("knowledge check submitted unanswered")
            first_error[0] = True
        answer(page, questions[box.get_attribute("data-check")], correct=False, words=words)
        box.get_by_role("button", name=words["check_answer"]).click()


def after_score(word: str) -> str:
    """The words of a result after the score: ". The pass mark is" in "You scored {score}. The pass mark is {pass}."."""
    return word.split("{score}")[1].split("{pass}")[0].strip()


def assessment_states(page: Page, module, audit: Audit, words: dict) -> None:
    audit("assessment before the start")
    page.get_by_role("button", name=words["start_assessment"]).click()
    audit("assessment in progress")
    page.get_by_role("button", name=words["submit"]).click()
    audit("assessment submitted incomplete")
    answer_assessment(page, module, correct=False, words=words)
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.locator("[data-results-score]")).to_contain_text(after_score(words["score_failed"]))
    audit("assessment failed")
    page.get_by_role("button", name=words["try_again"]).click()
    answer_assessment(page, module, correct=True, words=words)
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.locator("[data-results-score]")).to_contain_text(after_score(words["score_passed"]))
    audit("assessment passed")


@pytest.mark.parametrize("name", MODULES)
def test_no_axe_violations_on_any_page_or_state(page, serve, built_site, name):
    module, _ = load_module(MODULES[name])
    questions, words = questions_by_id(module), ui_words(module.config.language)
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    page.goto(serve(built_site(MODULES[name], "2004")) + "/index.html")
    audit, first_error, glossary_opened = Audit(page), [False], False
    total = page_count(page)
    for number in range(total):
        section = page.locator("section[data-page]:visible")
        title = section.locator("h1").inner_text()
        if section.get_attribute("data-assessment"):
            assessment_states(page, module, audit, words)
        else:
            open_every_accordion(page)
            answer_checks(page, questions, audit, first_error, words)
            audit(f"page {number + 1}: {title}")
        term = section.locator("a.glossary-term").first
        if not glossary_opened and term.count():
            term.click()
            audit("glossary definition open")
            page.keyboard.press("Escape")
            glossary_opened = True
        if number < total - 1:
            go_next(page, words)
    page.get_by_role("button", name=words["exit"]).click()
    audit("exit confirmation")
    page.get_by_role("dialog").get_by_role("button", name=words["exit"]).click()
    audit("finished")
    assert audit.states >= total + 8
    assert audit.found == {}
