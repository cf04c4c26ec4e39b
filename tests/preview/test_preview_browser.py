"""The preview in real headless Chromium, with the real scorm-again as the emulated LMS: the inspector
reflects what the learner does, the page follows source edits and errors, and the LMS controls work. The
preview shows a copy of the smallest complete module (tests/fixtures/minimal)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from learner import answer, answer_assessment, go_next, heading, questions_by_id  # noqa: E402

from repo_paths import MINIMAL, REPO  # noqa: E402
from stce_scorm import load_module  # noqa: E402
from stce_scorm.preview import PreviewServer  # noqa: E402

SCORM_AGAIN_DIST = REPO / "node_modules" / "scorm-again" / "dist"
MODULE, _ = load_module(MINIMAL)
TITLES = [page.title for lesson in MODULE.lessons for page in lesson.pages]
CHECK = questions_by_id(MODULE)["kc_l1_list"]
LESSON = "lessons/01-dual-use.md"


@pytest.fixture
def server(minimal_copy, tmp_path):
    with PreviewServer(minimal_copy.path, port=0, scorm_again_dir=SCORM_AGAIN_DIST,
                       cache_dir=tmp_path / "cache") as server:
        yield server


def open_preview(page: Page, server: PreviewServer, query: str = ""):
    """Open the emulator; returns a locator for the SCO frame (it follows relaunches and rebuilds)."""
    page.goto(server.url + query)
    sco = page.frame_locator('iframe[title="SCO"]')
    expect(heading(sco, TITLES[0])).to_be_visible()
    return sco


def field(page: Page, element: str):
    return page.locator(f'#cmi-fields [data-element="{element}"]')


def test_the_inspector_shows_an_answered_knowledge_check_and_relaunch_resumes_it(page, server):
    sco = open_preview(page, server)
    expect(page.get_by_role("radio", name="1.2")).to_be_checked()
    expect(field(page, "cmi.core.entry")).to_have_text("ab-initio")
    expect(field(page, "cmi.student_data.mastery_score")).to_have_text("80")  # the manifest's adlcp:masteryscore
    go_next(sco)
    expect(heading(sco, TITLES[1])).to_be_visible()
    answer(sco, CHECK, correct=True)
    sco.get_by_role("button", name="Check answer").click()
    expect(sco.get_by_text("Right. Countries share a core list")).to_be_visible()

    expect(page.locator("#suspend-decoded")).to_contain_text('"kc_l1_list": false')
    expect(page.locator("#suspend-decoded")).to_contain_text('"page": "l1_dual_use-lists (2 of 4)"')
    expect(page.locator("#suspend-size")).to_contain_text("of SCORM 1.2's 4,096")
    expect(field(page, "cmi.core.lesson_status")).to_have_text("incomplete")
    expect(field(page, "cmi.core.lesson_location")).to_have_text("l1_dual_use-lists")
    log = page.locator("#api-log tbody tr")
    expect(log.filter(has_text="LMSSetValue").filter(has_text='"cmi.suspend_data"').first).to_be_visible()
    expect(log.filter(has_text="LMSInitialize")).to_have_count(1)
    assert log.filter(has_text="LMSSetValue").first.locator("td").nth(5).inner_text() == "0"  # error code column

    page.get_by_role("button", name="Close and relaunch").click()
    expect(field(page, "cmi.core.entry")).to_have_text("resume")
    expect(heading(sco, TITLES[1])).to_be_visible()
    expect(sco.get_by_role("radio", name="False (correct answer)")).to_be_checked()
    assert server.stored("1.2")["cmi.core.exit"] == "suspend"


def test_a_completed_module_shows_passed_with_score_and_interactions(page, server):
    sco = open_preview(page, server)
    for title in TITLES[1:]:
        go_next(sco)
        expect(heading(sco, title)).to_be_visible()
    go_next(sco)
    sco.get_by_role("button", name="Start the assessment").click()
    drawn = answer_assessment(sco, MODULE, correct=True)
    sco.get_by_role("button", name="Submit").click()
    expect(sco.get_by_text("You scored 100%. You passed.")).to_be_visible()

    expect(field(page, "cmi.core.lesson_status")).to_have_text("passed")
    expect(field(page, "cmi.core.score.raw")).to_have_text("100")
    expect(field(page, "cmi.core.score.max")).to_have_text("100")
    rows = page.locator("#interactions tbody tr")
    expect(rows).to_have_count(len(drawn))
    ids = [rows.nth(n).locator("td").nth(1).inner_text() for n in range(len(drawn))]
    assert sorted(ids) == sorted(drawn)
    assert {rows.nth(n).locator("td").nth(5).inner_text() for n in range(len(drawn))} == {"correct"}
    expect(page.locator("#suspend-decoded")).to_contain_text('"passed": true')


def test_switching_to_2004_with_the_keyboard_puts_api_1484_11_in_place(page, server):
    sco = open_preview(page, server)
    page.get_by_role("radio", name="1.2").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="2004")).to_be_checked()
    expect(page.locator("#launch-info")).to_contain_text("window.API_1484_11")
    expect(heading(sco, TITLES[0])).to_be_visible()
    expect(field(page, "cmi.completion_status")).to_have_text("incomplete")
    expect(field(page, "cmi.entry")).to_have_text("ab-initio")
    assert page.evaluate("typeof window.API_1484_11.Initialize === 'function' && window.API === undefined")
    log = page.locator("#api-log tbody tr")
    expect(log.filter(has_text="Initialize").first).to_be_visible()
    expect(log.filter(has_text="LMSInitialize")).to_have_count(0)
    expect(page.locator("#suspend-size")).to_contain_text("of SCORM 2004's 64,000")
    go_next(sco)
    expect(field(page, "cmi.location")).to_have_text("l1_dual_use-lists")
    assert page.url.endswith("?version=2004")  # a reload keeps the version


def test_an_lms_that_fails_commit_makes_the_player_retry(page, server):
    sco = open_preview(page, server)
    expect(page.locator("#commit-info")).to_contain_text("accepted")
    page.get_by_role("checkbox", name="LMS fails Commit").check()
    go_next(sco)
    expect(sco.get_by_text("Your progress could not be saved. Retrying…")).to_be_visible()
    expect(page.locator("#commit-info")).to_contain_text("rejected, error 101")
    failed = page.locator("#api-log tbody tr.error").filter(has_text="LMSCommit").first
    expect(failed).to_contain_text("false")
    expect(failed.locator("td").nth(5)).to_contain_text("101")
    assert server.stored("1.2")["cmi.core.lesson_location"] == "l1_dual_use-p1"  # the LMS kept nothing new

    page.get_by_role("checkbox", name="LMS fails Commit").uncheck()
    expect(sco.get_by_text("Your progress is saved again.")).to_be_visible(timeout=15_000)
    assert server.stored("1.2")["cmi.core.lesson_location"] == "l1_dual_use-lists"


def test_a_source_change_rebuilds_and_reloads_the_sco(page, server, minimal_copy):
    sco = open_preview(page, server)
    go_next(sco)
    expect(heading(sco, TITLES[1])).to_be_visible()
    minimal_copy.edit(LESSON, "# Control lists {#lists}", "# Control lists, revised {#lists}")
    expect(heading(sco, "Control lists, revised")).to_be_visible(timeout=15_000)  # resumed on the same page
    expect(page.locator("#announce")).to_contain_text("Rebuilt (build 2)")
    expect(field(page, "cmi.core.entry")).to_have_text("resume")


def test_a_source_error_shows_in_the_page_and_clears_once_fixed(page, server, minimal_copy):
    sco = open_preview(page, server)
    banner = page.get_by_role("alert")
    expect(banner).to_be_hidden()
    minimal_copy.edit("module.yaml", "navigation: free", "navigation: freely")
    line = minimal_copy.line_of("module.yaml", "navigation:")
    expect(banner).to_be_visible(timeout=15_000)
    expect(banner).to_contain_text(f"module.yaml:{line}:1: error: navigation: 'freely' is not one of the allowed values")
    expect(heading(sco, TITLES[0])).to_be_visible()  # the last good build stays usable
    minimal_copy.edit("module.yaml", "navigation: freely", "navigation: free")
    expect(banner).to_be_hidden(timeout=15_000)
    expect(page.locator("#announce")).to_contain_text("Rebuilt (build 3)")
    expect(heading(sco, TITLES[0])).to_be_visible()


def test_a_saved_lesson_is_rebuilt_alone_and_the_page_shows_the_edit(page, server, minimal_copy):
    sco = open_preview(page, server)
    go_next(sco)
    expect(heading(sco, TITLES[1])).to_be_visible()  # a page the player adds from its fragment, pages/*.js
    minimal_copy.edit(LESSON, "Governments publish", "Most governments publish")
    expect(sco.locator("p", has_text="Most governments publish")).to_be_visible(timeout=15_000)
    expect(page.locator("#announce")).to_contain_text("Rebuilt (build 2)")
    assert server.status.lessons == ("l1_dual_use",)  # the lesson alone, not a full build
    expect(field(page, "cmi.core.entry")).to_have_text("resume")
    expect(heading(sco, TITLES[1])).to_be_visible()


def test_an_error_saved_in_a_lesson_shows_in_the_page_and_the_fix_shows_the_lesson(page, server, minimal_copy):
    sco = open_preview(page, server)
    banner = page.get_by_role("alert")
    minimal_copy.edit(LESSON, "::: check kc_l1_list", "::: check kc_l1_lists")
    line = minimal_copy.line_of(LESSON, "::: check kc_l1_lists")
    expect(banner).to_be_visible(timeout=15_000)
    expect(banner).to_contain_text(f"01-dual-use.md:{line}:1: error: knowledge check 'kc_l1_lists' is not "
                                   "defined (hint: did you mean 'kc_l1_list'?)")
    expect(banner).to_contain_text("still showing the last good build")  # said, not silent
    expect(page.locator("#announce")).to_contain_text("Build 2 failed: 2 problem(s) listed above.")
    minimal_copy.edit(LESSON, "::: check kc_l1_lists", "::: check kc_l1_list")
    minimal_copy.edit(LESSON, "Governments publish", "Most governments publish")
    expect(banner).to_be_hidden(timeout=15_000)
    go_next(sco)
    expect(sco.locator("p", has_text="Most governments publish")).to_be_visible()
    assert server.status.ok and server.status.lessons == ("l1_dual_use",)


def test_reset_attempt_starts_over(page, server):
    sco = open_preview(page, server)
    go_next(sco)
    expect(field(page, "cmi.core.lesson_location")).to_have_text("l1_dual_use-lists")
    page.get_by_role("button", name="Reset attempt").click()
    expect(field(page, "cmi.core.entry")).to_have_text("ab-initio")
    expect(heading(sco, TITLES[0])).to_be_visible()
    expect(field(page, "cmi.core.lesson_location")).to_have_text("l1_dual_use-p1")
    expect(page.locator("#api-log tbody tr").filter(has_text="LMSInitialize")).to_have_count(1)
