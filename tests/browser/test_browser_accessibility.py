"""WCAG 2.2 AA basics of the player in real Chromium: reflow at 320 px, target size, visible focus,
names for every control, and a frame of any size."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from learner import go_next, heading
from lms.lms_harness import launch
from repo_paths import EXAMPLE_MODULE

CONTROLS = "button:visible, a:visible, input:visible, select:visible, summary:visible"


@pytest.fixture
def site(built_site) -> Path:
    return built_site(EXAMPLE_MODULE, "2004")


def pages(page):
    """Visit every page; yield after each is shown."""
    total = page.locator("section[data-page]").count()
    for number in range(total):
        yield number
        if number < total - 1:
            go_next(page)


@pytest.mark.parametrize("width", [320, 1280])
def test_reflow_without_horizontal_scrolling_and_targets_at_least_24px(page, serve, site, width):
    page.set_viewport_size({"width": width, "height": 640})
    page.goto(serve(site) + "/index.html#assessment-final")
    page.get_by_role("button", name="Start the assessment").click()
    page.goto(serve(site) + "/index.html")
    for _ in pages(page):
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        sizes = page.locator(CONTROLS).evaluate_all(
            # Links inside running text are exempt (WCAG 2.5.8 "inline"); every other control is measured.
            "els => els.filter(e => !(e.matches('a') && e.closest('.pages p, .pages li, dd, figcaption')))"
            ".map(e => { const r = e.getBoundingClientRect(); return [e.outerHTML.slice(0, 60), r.width, r.height]; })")
        small = [s for s in sizes if s[1] < 24 or s[2] < 24]
        assert small == [], small


def test_every_control_has_an_accessible_name(page, serve, site):
    page.goto(serve(site) + "/index.html")
    for _ in pages(page):
        unnamed = page.locator(CONTROLS).evaluate_all("""els => els.filter(e => {
            const label = e.getAttribute('aria-label') || e.textContent.trim() || (e.labels && e.labels.length)
              || e.getAttribute('aria-labelledby') || e.title;
            return !label; }).map(e => e.outerHTML.slice(0, 80))""")
        assert unnamed == []


def test_keyboard_focus_is_visible(page, serve, site):
    page.goto(serve(site) + "/index.html")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("none", "")


def test_small_lms_frame_at_200_percent_zoom(page, lms, site):
    """Moodle's "current window" frame on a small screen, zoomed to 200%: still usable."""
    page.set_viewport_size({"width": 640, "height": 480})
    server = lms(site)
    frame = launch(page, server, "2004")
    frame.evaluate("document.body.style.zoom = '2'")
    expect(heading(frame, "Two uses, one item")).to_be_visible()
    assert frame.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    go_next(frame)
    expect(heading(frame, "Control lists")).to_be_focused()
