"""Rendered slides a person can look at: a content slide, a scenario slide and a diagram slide of each
module, drawn by LibreOffice (pptx -> PDF) and poppler (PDF -> PNG), saved under the test output."""

from __future__ import annotations

import pytest
from PIL import Image, ImageStat
from pptx.enum.shapes import MSO_SHAPE_TYPE

from stce_scorm.workshop.kit import kit_content
from stce_scorm.workshop.points import page_text
from stce_scorm.workshop.slides import PICTURE_BOX

pytestmark = pytest.mark.slow  # LibreOffice or WeasyPrint: see the `slow` marker in pyproject.toml


def slide_number(deck, title: str, with_picture: bool = False) -> int:
    """1-based number of the first slide with this title (and a picture, if asked)."""
    for number, slide in enumerate(deck.presentation.slides, 1):
        has_picture = any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes)
        if slide.shapes.title.text_frame.text == title and has_picture == with_picture:
            return number
    raise AssertionError(f"no slide titled {title!r}")


def assert_not_blank(png, expected_words: str, deck, number: int) -> None:
    image = Image.open(png).convert("L")
    assert image.size == (1280, 720)
    dark = sum(count for level, count in enumerate(image.histogram()) if level < 128)
    assert dark / (image.width * image.height) > 0.01, f"{png} is (nearly) blank"
    assert ImageStat.Stat(image).stddev[0] > 20, f"{png} has no contrast"
    assert "".join(expected_words.split())[:40] in "".join(deck.page_text(number).split())


@pytest.mark.parametrize("name", ["example", "wmd"])
def test_content_scenario_and_diagram_slides_render(decks, screenshot_dir, name):
    deck = decks[name]
    kit = kit_content(deck.module, "Scenario")
    page = next(page for lesson in kit.lessons for page in lesson.pages if page.key_points)
    discussion = next(d for lesson in kit.lessons for d in lesson.discussions)
    pictured = next(page for lesson in kit.lessons for page in lesson.pages if page.pictures)
    shots = {
        "content": (slide_number(deck, page.page.title), page.key_points[0]),
        "scenario": (slide_number(deck, discussion.title), page_text(discussion.case).splitlines()[0]),
        "diagram": (slide_number(deck, pictured.page.title, with_picture=True), pictured.pictures[0].caption),
    }
    for kind, (number, words) in shots.items():
        png = deck.screenshot(number, screenshot_dir / f"{name}-{kind}-slide-{number}.png")
        print(f"screenshot: {png}")
        assert_not_blank(png, words, deck, number)
        if kind == "diagram":  # the picture itself, not only the title around it, has something drawn
            left, top, width, height = (round(value * 96) for value in PICTURE_BOX)
            picture = Image.open(png).convert("L").crop((left, top, left + width, top + height))
            assert ImageStat.Stat(picture).stddev[0] > 20, f"{png}: the diagram area is blank"
