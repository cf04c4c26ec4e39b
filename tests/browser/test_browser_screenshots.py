"""Screenshots a person can look at: a content page, every question type and the results, at 1280 and 375 px,
left to right and right to left (the example module with `language: ar`, so `dir="rtl"`).

They are saved under the test run's output (pytest's base temporary folder, `screenshots/`), never compared
pixel by pixel: each test asserts what a reviewer would check first, that the picture is not blank and
that the layout follows the text direction."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from learner import answer_assessment
from stce_scorm import load_module

TYPES = ["single_choice", "multiple_response", "true_false", "fill_in", "numeric", "matching", "sequencing"]
WIDTHS = [1280, 375]


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


def save(shot: bytes, folder: Path, name: str) -> Image.Image:
    """Keep the screenshot and check it shows something: many colours, not one flat fill."""
    (folder / f"{name}.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 8, f"{name}: the screenshot is blank ({colours})"
    return image


def assert_direction(page: Page, direction: str) -> None:
    """The contents sit at the start of the reading direction: the left in English, the right in Arabic."""
    assert page.evaluate("document.documentElement.dir") == direction
    heading = page.locator("section[data-page].current h1")
    assert heading.evaluate("h => getComputedStyle(h).direction") == direction
    if page.viewport_size["width"] >= 1280:
        toc, main = page.locator("#toc").bounding_box(), page.locator("#content").bounding_box()
        assert (toc["x"] < main["x"]) == (direction == "ltr")


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_screenshots_of_pages_questions_and_results(browser, serve, built_site, example_copy, screenshot_dir, direction):
    # Every question drawn, in the author's order, so each type shows in one attempt.
    example_copy.edit("quizzes/final.yaml", "    draw: 6\n", "").edit("quizzes/final.yaml", "shuffle_questions: true",
                                                                    "shuffle_questions: false")
    if direction == "rtl":
        example_copy.edit("module.yaml", "language: en", "language: ar")
    module, _ = load_module(example_copy.path)
    url = serve(built_site(example_copy.path, "2004")) + "/index.html"
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(url)
        expect(page.locator("section[data-page].current h1")).to_be_visible()
        assert_direction(page, direction)
        save(page.screenshot(), screenshot_dir, f"{direction}-{width}-content-page")

        page.goto(url + "#assessment-final")
        page.get_by_role("button", name="Start the assessment").click()
        answer_assessment(page, module, correct=False)  # scenarios unfold every question they hold
        for kind in TYPES:
            question = page.locator(f"[data-slot]:visible [data-question][data-type={kind}]:visible").first
            expect(question.locator("legend")).to_be_visible()
            save(question.screenshot(), screenshot_dir, f"{direction}-{width}-question-{kind}")

        page.get_by_role("button", name="Submit").click()
        results = page.locator("[data-results]")
        expect(results).to_be_focused()
        save(results.screenshot(), screenshot_dir, f"{direction}-{width}-results")
        # The whole reviewed attempt in one long picture: the page scrolls inside the player's area, so that
        # area is let grow to its full height for this picture (the last one taken in this context).
        page.evaluate("""() => { document.body.style.display = 'block'; document.body.style.blockSize = 'auto';
            document.getElementById('player-scroll').style.overflow = 'visible'; }""")
        save(page.screenshot(full_page=True), screenshot_dir, f"{direction}-{width}-assessment-reviewed")
        context.close()
    assert len(list(screenshot_dir.glob(f"{direction}-*.png"))) == len(WIDTHS) * (len(TYPES) + 3)
