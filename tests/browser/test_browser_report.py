"""The item-analysis report opens in a real browser as a readable page: headings, captioned tables with
row and column headers, and the figures of the simulated cohort's export (tests/report/cohort.py)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from repo_paths import EXAMPLE_MODULE, REPO
from stce_scorm import load_module
from stce_scorm.report import analyse, read_export, write_report

SAMPLE = REPO / "docs" / "samples" / "moodle-interactions-dual_use_basics.txt"


def test_the_report_reads_as_a_page(page, serve, tmp_path: Path):
    module, _ = load_module(EXAMPLE_MODULE)
    attempts = read_export(SAMPLE)
    items, mastery = analyse(module, attempts)
    html, _ = write_report(module, SAMPLE, attempts, items, mastery, tmp_path)
    page.goto(serve(tmp_path) + "/" + html.name)
    expect(page).to_have_title("Item analysis – Dual-use goods at the border")
    expect(page.get_by_role("heading", level=1)).to_have_text("Item analysis: Dual-use goods at the border")
    table = page.get_by_role("table", name="One row per question, matched to the module by its id")
    expect(table.get_by_role("row")).to_have_count(1 + len(items))
    row = table.get_by_role("row", name="q_signs_count", exact=False)
    expect(row).to_contain_text("negative discrimination")
    expect(table.get_by_role("columnheader", name="Discrimination")).to_be_visible()
    mastery_table = page.get_by_role("table", name="Learners whose latest attempt", exact=False)
    expect(mastery_table.get_by_role("rowheader")).to_have_count(4)
    page.set_viewport_size({"width": 320, "height": 640})  # a phone: the tables scroll in their own box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
