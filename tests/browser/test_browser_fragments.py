"""A part of the module that does not arrive (a slow or broken link drops pages/<name>.js): the learner is
told, stays on the page they are on, and the next try loads it. Before, Next silently did nothing."""

from __future__ import annotations

import shutil

from playwright.sync_api import expect

from repo_paths import WMD_MODULE


def test_a_part_that_cannot_load_is_announced_and_loads_on_the_next_try(page, serve, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site(WMD_MODULE, "2004"), site)
    parked = tmp_path / "parked"
    shutil.move(site / "pages", parked)  # every fragment missing, as on a link that drops them
    page.goto(serve(site) + "/index.html")
    first = page.locator("section[data-page].current h1")
    expect(first).to_be_visible()
    first_title = first.inner_text()
    assert page.evaluate("STCE.config.pages[1].fragment")  # page 2 lives in a fragment, not in index.html

    page.get_by_role("button", name="Next").click()
    expect(page.locator("#notice")).to_contain_text("could not be loaded")
    expect(page.locator("section[data-page].current h1")).to_have_text(first_title)

    shutil.move(parked, site / "pages")  # the connection is back
    page.get_by_role("button", name="Next").click()
    expect(page.locator("section[data-page].current h1")).not_to_have_text(first_title)
    expect(page.locator("section[data-page].current h1")).to_be_focused()
    expect(page.locator("#notice")).not_to_contain_text("could not be loaded")


def test_a_part_arriving_keeps_the_keyboard_focus_in_the_contents(page, serve, built_site):
    """A lesson's other parts arrive while the learner is idle. Filling that lesson's contents used to move
    the focused entry in the document, which drops the focus to <body>: a keyboard user who had tabbed to
    the lesson's entry lost their place (the CI run of 2026-12-03 caught it)."""
    held: list = []
    holding = [True]
    page.route("**/pages/*.js", lambda route: held.append(route) if holding[0] else route.continue_())
    page.goto(serve(built_site(WMD_MODULE, "2004")) + "/index.html")
    expect(page.locator("section[data-page].current h1")).to_be_visible()
    page.wait_for_function("document.querySelectorAll('head script[src^=\"pages/\"]').length > 0")
    second_lesson = page.locator("[data-toc-lesson]").nth(1)
    entries_before = second_lesson.locator("[data-page-link]").count()
    entry = second_lesson.locator("[data-page-link]").first
    entry.focus()
    expect(entry).to_be_focused()

    holding[0] = False
    for route in held:
        route.continue_()
    expect(second_lesson.locator("[data-page-link]")).not_to_have_count(entries_before)  # its parts arrived
    expect(entry).to_be_focused()
