"""An assessment time limit the learner can see, is warned about, and can extend (WCAG 2.2.1)."""

import re

from playwright.sync_api import expect

from learner import answer, questions_by_id
from repo_paths import TIMED_ASSESSMENT
from stce_scorm import load_module


def test_time_limit_warns_extends_and_submits_when_up(page, serve, built_site):
    site = built_site(TIMED_ASSESSMENT, "2004")
    module, _ = load_module(TIMED_ASSESSMENT)
    page.clock.install()
    page.goto(serve(site) + "/index.html#assessment-final")
    expect(page.get_by_text("Time limit: 2 minutes. You can extend it while you work.")).to_be_visible()
    page.get_by_role("button", name="Start the assessment").click()
    timer = page.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"Time left: (02:00|01:59)"))  # Intl.DurationFormat, digital style
    page.clock.run_for("01:05")
    expect(page.get_by_role("alert")).to_contain_text("Less than a minute left.")
    page.get_by_role("button", name="Give me more time").click()
    expect(page.get_by_role("alert")).to_be_hidden()
    expect(timer).to_have_text(re.compile(r"Time left: 02:5\d"))
    first = page.locator("[data-slot]:visible [data-question]").first.get_attribute("data-question")
    answer(page, questions_by_id(module)[first], correct=True)
    page.get_by_role("heading", level=1, name="Final check").click()
    counted = page.locator("[data-slot]:visible [data-question]:visible").count()  # one right, the rest open
    page.clock.run_for("03:00")
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    percent = round(100 / counted, 2)
    expect(page.get_by_text(f"You scored {percent:g}%. The pass mark is 80%.")).to_be_visible()
    expect(timer).to_be_hidden()
