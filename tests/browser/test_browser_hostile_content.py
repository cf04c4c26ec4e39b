"""Author text and page content that try to break the player in the LMS origin (issue 9.3, 9.4)."""

from pathlib import Path

from playwright.sync_api import expect

from lms.lms_harness import api_log, launch
from repo_paths import EXAMPLE_MODULE, MARKUP_IN_AUTHOR_TEXT

COMMENT_OPENER = "Dual-use <!--<script> goods"


def test_comment_and_script_openers_in_author_text_do_not_swallow_the_page(page, serve, built_site):
    """The fixture's title holds a comment and a script opener, an accepted answer a script closer."""
    site: Path = built_site(MARKUP_IN_AUTHOR_TEXT, "1.2")
    page.goto(serve(site) + "/index.html")
    expect(page.locator("#progress-text")).to_have_text("Page 1 of 2")  # the player ran
    assert page.evaluate("JSON.parse(document.getElementById('stce-config').textContent).title") == COMMENT_OPENER


def test_an_element_named_api_is_not_taken_for_the_lms(page, built_site, lms):
    """Named access makes <span id="API"> the SCO window's `API`; discovery must skip what lacks the API's
    functions and find the LMS's API in the parent frame."""
    server = lms(built_site(EXAMPLE_MODULE, "1.2"))
    page.add_init_script("if (window !== window.top) { window.API = document.createElement('span'); }")
    frame = launch(page, server, "1.2")
    expect(frame.locator("#progress-text")).to_have_text("Page 1 of 6")
    expect(frame.locator("#standalone-notice")).to_be_hidden()
    assert [call["name"] for call in api_log(page)][:1] == ["LMSInitialize"]
