"""The first player in real Chromium: every page renders, and a keyboard user can move through them."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from learner import heading
from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module


@pytest.fixture
def package_dir(built_site) -> Path:
    return built_site(EXAMPLE_MODULE, "1.2")


def expected_titles() -> list[str]:
    module, _ = load_module(EXAMPLE_MODULE)
    pages = [page.title for lesson in module.lessons for page in lesson.pages]
    return pages + [a.title for a in module.assessments] + ["Glossary"]


def test_every_page_in_order_with_next(page, serve, package_dir):
    page.goto(serve(package_dir) + "/index.html")
    seen = []
    for number, title in enumerate(expected_titles(), 1):
        heading = page.get_by_role("heading", level=1, name=title)
        expect(heading).to_be_visible()
        assert page.title() == f"{title} – Dual-use goods at the border"
        expect(page.locator("#progress-text")).to_have_text(f"Page {number} of {len(expected_titles())}")
        assert page.locator("section[data-page]:visible").count() == 1
        seen.append(title)
        if number < len(expected_titles()):
            page.get_by_role("button", name="Next").click()
            expect(page.get_by_role("heading", level=1, name=expected_titles()[number])).to_be_focused()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    assert seen == expected_titles()


def test_keyboard_only_navigation_and_contents(page, serve, package_dir):
    page.goto(serve(package_dir) + "/index.html")
    page.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Control lists")).to_be_focused()
    page.get_by_role("button", name="Previous").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Two uses, one item")).to_be_focused()
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="What you do").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="What you do")).to_be_focused()
    expect(contents.get_by_role("link", name="What you do")).to_have_attribute("aria-current", "page")


def test_blocks_render_as_accessible_html(page, serve, package_dir):
    page.goto(serve(package_dir) + "/index.html")
    figure = page.get_by_role("figure")
    expect(figure.get_by_role("img")).to_have_attribute("alt", "A simple machine tool drawn as a box with a spindle and a work table.")
    expect(figure.locator("figcaption")).to_contain_text("A machine tool: normal in a factory")
    page.get_by_role("link", name="dual-use items").click()
    expect(page.get_by_role("dialog", name="dual-use item")).to_contain_text("normal civil uses")
    page.get_by_role("button", name="Close").click()
    expect(page.get_by_role("link", name="dual-use items")).to_be_focused()
    page.goto(serve(package_dir) + "/index.html#l1_dual_use-lists")
    panel = page.get_by_text("Who writes the lists?")
    panel.click()
    expect(page.get_by_text("International groups of countries agree")).to_be_visible()
    expect(page.get_by_role("group", name="National control lists copy one international list and add nothing of their own.")).to_be_visible()


def test_without_javascript_every_page_is_readable(browser, serve, package_dir):
    """Without JavaScript no fragment arrives (pages/*.js): index.html shows its first pages and links to
    every page in one document."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(package_dir) + "/index.html")
    expect(heading(page, expected_titles()[0])).to_be_visible()
    page.get_by_role("link", name="Every page in one document").click()
    for title in expected_titles():
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    context.close()


# Counts Intl.NumberFormat objects made, and notes how many there were when the first page became interactive.
COUNT_NUMBER_FORMATS = """(function () {
  var made = 0, Original = Intl.NumberFormat;
  Intl.NumberFormat = function (locales, options) { made += 1; return new Original(locales, options); };
  Intl.NumberFormat.prototype = Original.prototype;
  window.numberFormatsMade = function () { return made; };
  var stce = window.STCE = window.STCE || {}, ready;
  Object.defineProperty(stce, "readyAt", { configurable: true, get: function () { return ready; },
    set: function (value) { ready = value; window.numberFormatsAtReady = made; } });
})();"""


def test_the_first_page_does_not_wait_for_number_formats(page, serve, package_dir):
    """The first Intl.NumberFormat of a page costs 15-40 ms (wording.js): the page number and the progress
    figure are filled once the first page is painted, and then they are there."""
    page.add_init_script(COUNT_NUMBER_FORMATS)
    page.goto(serve(package_dir) + "/index.html")
    expect(page.locator("#progress-text")).to_have_text(f"Page 1 of {len(expected_titles())}")
    expect(page.locator("#progress-value")).to_have_text("20%")  # one of four pages viewed, the test to pass
    assert page.locator("#progress-bar").get_attribute("value") == "20"
    assert page.evaluate("window.numberFormatsAtReady") == 0
    assert page.evaluate("window.numberFormatsMade()") >= 1
