"""Locked navigation: a page opens only once the pages before it were viewed and their checks answered."""

import pytest
from playwright.sync_api import expect

from learner import answer, go_next, heading, questions_by_id
from repo_paths import LOCKED_NAVIGATION
from stce_scorm import load_module


@pytest.fixture
def locked_site(built_site):
    module, _ = load_module(LOCKED_NAVIGATION)
    return built_site(LOCKED_NAVIGATION, "1.2"), module


def test_next_waits_for_the_knowledge_check(page, serve, locked_site):
    site, module = locked_site
    page.goto(serve(site) + "/index.html")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link", name="What you do")).to_have_attribute("aria-disabled", "true")
    go_next(page)
    expect(heading(page, "Control lists")).to_be_focused()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    expect(page.get_by_text("Answer the knowledge check on this page to continue.")).to_be_visible()
    contents.get_by_role("link", name="Warning signs").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Complete this page first.")).to_be_visible()
    expect(heading(page, "Control lists")).to_be_visible()
    answer(page, questions_by_id(module)["kc_l1_list"], correct=False)  # any answer unlocks; feedback teaches
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Not quite.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_be_enabled()
    go_next(page)
    expect(heading(page, "Warning signs")).to_be_focused()
