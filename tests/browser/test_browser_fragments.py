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
