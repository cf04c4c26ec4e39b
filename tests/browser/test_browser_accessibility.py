"""WCAG 2.2 AA basics of the player in real Chromium: reflow at 320 px, target size, visible focus,
names for every control, and a frame of any size."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from learner import go_next, heading, page_count
from lms.lms_harness import launch
from repo_paths import EXAMPLE_MODULE, WMD_MODULE

CONTROLS = "button:visible, a:visible, input:visible, select:visible, summary:visible"


@pytest.fixture
def site(built_site) -> Path:
    return built_site(EXAMPLE_MODULE, "2004")


def pages(page):
    """Visit every page; yield after each is shown."""
    total = page_count(page)
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
        # The page scrolls inside the player's area above the Previous/Next bar: neither may scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.getElementById('player-scroll').scrollWidth") <= width
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
    assert frame.evaluate("document.getElementById('player-scroll').scrollWidth <= window.innerWidth")
    go_next(frame)
    expect(heading(frame, "Control lists")).to_be_focused()


HEADING_PLACE = """() => {
  const h = document.querySelector("section[data-page].current h1"), r = h.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + Math.min(r.width, innerWidth) / 2, r.top + r.height / 2);
  return {inside: r.top >= 0 && r.bottom <= innerHeight, uncovered: !!hit && h.contains(hit),
          scrolled: document.getElementById("player-scroll").scrollTop + window.scrollY, focused: document.activeElement === h};
}"""


@pytest.mark.parametrize("module", [EXAMPLE_MODULE, WMD_MODULE], ids=["example", "wmd"])
def test_at_320px_the_new_heading_shows_after_next_without_scrolling(page, serve, built_site, module):
    """400% zoom of a 1280 px screen: the header and the folded contents leave the page's heading in view."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(serve(built_site(module, "2004")) + "/index.html")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("button", name="Contents")).to_have_attribute("aria-expanded", "false")
    expect(contents.get_by_role("link").first).to_be_hidden()
    for number, _ in enumerate(pages(page)):
        if number == 0:
            continue
        place = page.evaluate(HEADING_PLACE)
        assert place == {"inside": True, "uncovered": True, "scrolled": 0, "focused": True}, number


def test_contents_fold_behind_a_button_on_narrow_screens_only(page, serve, site):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(serve(site) + "/index.html")
    contents = page.get_by_role("navigation", name="Contents")
    toggle = contents.get_by_role("button", name="Contents")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    contents.get_by_role("link", name="What you do").click()
    expect(page.get_by_role("heading", level=1, name="What you do")).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")  # folded again once a page is chosen
    expect(contents.get_by_role("link", name="What you do")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(contents.get_by_role("link", name="What you do")).to_be_visible()


# The focus ring's colour against what is drawn next to it: the nearest ancestor background that is not
# transparent (WCAG 1.4.11: 3:1 for the focus indicator).
RING_CONTRAST = """el => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let parent = el.parentElement, background = "rgb(255, 255, 255)";
  for (; parent; parent = parent.parentElement) {
    const colour = getComputedStyle(parent).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).outlineColor)), lum(rgb(background))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_focus_ring_contrast_is_at_least_3_to_1_everywhere(page, serve, site):
    page.goto(serve(site) + "/index.html#assessment-final")
    page.get_by_role("button", name="Start the assessment").click()
    page.evaluate("document.querySelector('.module-bar').insertAdjacentHTML('beforeend', '<a href=\"#\" id=probe>x</a>')")
    page.keyboard.press("Shift")  # the learner is on the keyboard: focus rings show (:focus-visible)
    weak = []
    for control in page.locator(CONTROLS).all() + [page.locator("#probe")]:
        control.focus()
        assert control.evaluate("e => e.matches(':focus-visible')")
        ratio = control.evaluate(RING_CONTRAST)
        if ratio < 3:
            weak.append((control.evaluate("e => e.outerHTML.slice(0, 60)"), round(ratio, 2)))
    assert weak == []
