"""Screenshots a person can look at: a content page, every question type and the results, at 1280 and 375 px,
left to right (the example module) and right to left (tests/fixtures/arabic_ui: Arabic text, the player's
Arabic words, Latin terms and HS codes inside it, so `dir="rtl"`).

They are kept after the run for a person to look at, in `build/test-output/player/ltr/` and `.../rtl/` (git
ignores build/; each folder is emptied when its test starts), and never compared pixel by pixel: each test asserts what a reviewer would check first, that the picture is not blank and
that the layout follows the text direction: contents, Previous/Next and their arrows, the progress bar's fill,
the order of the keyboard's Tab, and Latin terms isolated in Arabic text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from learner import answer_assessment, go_next, ui_words
from repo_paths import ARABIC_MODULE, EVERY_QUESTION, REPO
from stce_scorm import load_module

TYPES = ["single_choice", "multiple_response", "true_false", "fill_in", "numeric", "matching", "sequencing"]
WIDTHS = [1280, 375]


@pytest.fixture
def screenshot_dir(direction) -> Path:
    """build/test-output/player/<direction>/, emptied first: one folder per test, so parallel workers never
    empty each other's."""
    folder = REPO / "build" / "test-output" / "player" / direction
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def save(shot: bytes, folder: Path, name: str) -> Image.Image:
    """Keep the screenshot and check it shows something: many colours, not one flat fill."""
    (folder / f"{name}.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 8, f"{name}: the screenshot is blank ({colours})"
    return image


def assert_direction(page: Page, direction: str) -> None:
    """Everything that has a side sits where the reading starts: the left in English, the right in Arabic."""
    ltr = direction == "ltr"
    assert page.evaluate("document.documentElement.dir") == direction
    heading = page.locator("section[data-page].current h1")
    assert heading.evaluate("h => getComputedStyle(h).direction") == direction
    if page.viewport_size["width"] >= 1280:
        toc, main = page.locator("#toc").bounding_box(), page.locator("#content").bounding_box()
        assert (toc["x"] < main["x"]) == ltr
    # Previous at the start, Next after it, each arrow pointing the way its pages lie.
    previous, following = page.locator("#previous-page"), page.locator("#next-page")
    assert (previous.bounding_box()["x"] < following.bounding_box()["x"]) == ltr
    if page.viewport_size["width"] >= 640:  # the arrows show where the bar has room for them (base.css)
        assert ("\u2190" if ltr else "\u2192") in previous.evaluate("b => getComputedStyle(b, '::before').content")
        assert ("\u2192" if ltr else "\u2190") in following.evaluate("b => getComputedStyle(b, '::after').content")
    # Tab goes the way the text reads: from Previous on to Next.
    previous.focus()
    page.keyboard.press("Tab")
    expect(following).to_be_focused()
    # The progress bar fills from the start: its start quarter is the light fill, its end quarter the dark rest.
    bar = page.locator("#progress-bar")
    assert 20 <= int(bar.get_attribute("value") or bar.evaluate("b => b.value")) <= 80
    strip = Image.open(io.BytesIO(bar.screenshot())).convert("L")
    width, height = strip.size
    middle = height // 2
    left, right = strip.getpixel((width // 8, middle)), strip.getpixel((width - 1 - width // 8, middle))
    assert (left > right) == ltr, (left, right)


def assert_isolated_latin(page: Page) -> None:
    """A Latin term with numbers and brackets inside Arabic text keeps its own order: it sits in a <bdi>, which
    takes the direction of its own text."""
    term = page.locator("section[data-page].current bdi", has_text="UNSCR 1540 (2004)")
    expect(term).to_be_visible()
    assert term.evaluate("t => getComputedStyle(t).direction") == "ltr"
    assert term.evaluate("t => getComputedStyle(t.parentElement).direction") == "rtl"


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_screenshots_of_pages_questions_and_results(browser, serve, built_site, screenshot_dir, direction):
    if direction == "rtl":
        folder = ARABIC_MODULE  # every question once, in the author's order
    else:
        folder = EVERY_QUESTION  # every question drawn, in the author's order, so each type shows in one attempt
    module, _ = load_module(folder)
    words = ui_words(module.config.language)
    url = serve(built_site(folder, "2004")) + "/index.html"
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(url)
        go_next(page, words)  # the second page: the progress bar part filled
        expect(page.locator("section[data-page].current h1")).to_be_visible()
        assert_direction(page, direction)
        if direction == "rtl":
            assert_isolated_latin(page)
        save(page.screenshot(), screenshot_dir, f"{direction}-{width}-content-page")

        page.goto(url + "#assessment-final")
        page.get_by_role("button", name=words["start_assessment"]).click()
        answer_assessment(page, module, correct=False, words=words)  # scenarios unfold every question they hold
        for kind in TYPES:
            question = page.locator(f"[data-slot]:visible [data-question][data-type={kind}]:visible").first
            expect(question.locator("legend")).to_be_visible()
            save(question.screenshot(), screenshot_dir, f"{direction}-{width}-question-{kind}")

        page.get_by_role("button", name=words["submit"]).click()
        results = page.locator("[data-results]")
        expect(results).to_be_focused()
        # What the learner typed or chose is isolated in the review lines, whatever its direction.
        assert page.locator("[data-answer-review]:visible bdi").count() >= 2 * len(TYPES)
        save(results.screenshot(), screenshot_dir, f"{direction}-{width}-results")
        # The whole reviewed attempt in one long picture: the page scrolls inside the player's area, so that
        # area is let grow to its full height for this picture (the last one taken in this context).
        page.evaluate("""() => { document.body.style.display = 'block'; document.body.style.blockSize = 'auto';
            document.getElementById('player-scroll').style.overflow = 'visible'; }""")
        save(page.screenshot(full_page=True), screenshot_dir, f"{direction}-{width}-assessment-reviewed")
        context.close()
    assert len(list(screenshot_dir.glob(f"{direction}-*.png"))) == len(WIDTHS) * (len(TYPES) + 3)
