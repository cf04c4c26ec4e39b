"""The player under a faulty LMS (scorm-again in the launcher, with its faults switched on): no silent
loss and no false reassurance. Each test names the point of issue 9 it guards."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from learner import answer, answer_assessment, exit_module, go_next, heading, questions_by_id
from lms.lms_harness import api_log, close_sco, launch, lms_data
from repo_paths import COMPLETED_BY_PAGES, EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.check.close_request import MOODLE_FIELDS, field, worst_case_close_request
from test_browser_tracking import KEYS, LESSON_TITLES, stored_when

MODULE, _ = load_module(EXAMPLE_MODULE)
SAVE_FAILED = "Your progress could not be saved. Retrying…"
SAVED_AGAIN = "Your progress is saved again."
SAVED = "Your progress is saved. You can close this window now."
NOT_SAVED = "Your latest progress could not be saved in the learning platform"
UNREADABLE = "Your earlier answers could not be read back from the learning platform."
WRITES = re.compile(r"SetValue$|Commit$")




def answer_first_check(frame) -> None:
    go_next(frame)
    answer(frame, questions_by_id(MODULE)["kc_l1_list"], correct=True)
    frame.get_by_role("button", name="Check answer").click()


def calls_after(page, count: int) -> list[dict]:
    return api_log(page)[count:]


# --- 12. a rejected write of learner state is a failed save ------------------------------------------

@pytest.mark.parametrize("what", ["suspend", "location"])
def test_a_rejected_state_write_is_told_and_retried(page, lms, site, version, what):
    server = lms(site)
    frame = launch(page, server, version)
    server.wait_for_commits(1)
    element = KEYS[version][what]
    before = server.stored()[element]
    page.evaluate(f"lmsFaults.reject = [{element!r}]")
    answer_first_check(frame)
    expect(frame.get_by_text(SAVE_FAILED)).to_be_visible()
    page.evaluate("lmsFaults.reject = []")
    expect(frame.get_by_text(SAVED_AGAIN)).to_be_visible(timeout=15000)
    stored = server.stored()
    assert stored[element] != before
    assert stored[element] == lms_data(page)[element]  # the value that was rejected is what the LMS holds now


# --- 13. unreadable or foreign suspend_data ----------------------------------------------------------

def fingerprint(site: Path) -> int:
    html = (site / "index.html").read_text(encoding="utf-8")
    config = re.search(r'<script type="application/json" id="stce-config">(.*?)</script>', html, re.S).group(1)
    return json.loads(config)["fingerprint"]


def varint(value: int) -> str:
    """runtime/state.js's number encoding."""
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    out = ""
    while True:
        low, value = value % 32, value // 32
        out += digits[low + (32 if value else 0)]
        if not value:
            return out


@pytest.mark.parametrize("kind", ["garbage", "truncated", "foreign"])
def test_unreadable_state_keeps_the_place_tells_and_is_not_overwritten(page, lms, site, version, kind):
    stored_state = {
        "garbage": "not base64!",
        "truncated": varint(1) + varint(fingerprint(site)) + varint(3),  # ends before the visited pages
        "foreign": '{"lesson":3,"score":80}',  # another tool's state
    }[kind]
    k = KEYS[version]
    server = lms(site)
    server.preload("a1", {k["location"]: "l2_border-p1", k["suspend"]: stored_state, k["status"]: "incomplete",
                          k["exit"]: "suspend"})
    frame = launch(page, server, version)
    expect(heading(frame, LESSON_TITLES[2])).to_be_visible()
    expect(frame.get_by_text(UNREADABLE)).to_be_visible()
    server.wait_for_commits(1)
    assert server.stored()[k["suspend"]] == stored_state  # not overwritten by a state the learner has not made
    go_next(frame)  # something new: from now on the state is the learner's
    expect(heading(frame, LESSON_TITLES[3])).to_be_visible()
    stored = stored_when(server, k["location"], "l2_border-act")
    assert stored[k["suspend"]] != stored_state


# --- 14. the exit screen says what is true ----------------------------------------------------------

def test_exit_after_a_rejected_state_write_does_not_say_saved(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version, reject=KEYS[version]["suspend"])
    answer_first_check(frame)
    exit_module(frame)
    expect(frame.get_by_text(NOT_SAVED)).to_be_visible()
    expect(frame.get_by_text(SAVED)).to_have_count(0)


def test_exit_after_failed_commits_does_not_say_saved(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version, commits="moodle")  # Finish answers what the LMS answered
    server.wait_for_commits(1)
    server.fail_commits("http500")
    go_next(frame)
    expect(frame.get_by_text(SAVE_FAILED)).to_be_visible()
    exit_module(frame)
    expect(frame.get_by_text(NOT_SAVED)).to_be_visible()
    expect(frame.get_by_text(SAVED)).to_have_count(0)


def test_exit_after_saves_recovered_says_saved(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version, commits="moodle")
    server.wait_for_commits(1)
    server.fail_next(1)
    go_next(frame)
    expect(frame.get_by_text(SAVED_AGAIN)).to_be_visible(timeout=15000)
    exit_module(frame)
    expect(frame.get_by_text(SAVED)).to_be_visible()


# --- 15. the recorded score never goes down ---------------------------------------------------------

def test_a_failed_new_attempt_keeps_the_best_result_the_lms_holds(page, lms, site, version):
    k = KEYS[version]
    first_objective = MODULE.lessons[0].objectives[0].id
    best = {k["raw"]: "100", k["min"]: "0", k["max"]: "100", k["exit"]: "suspend",
            "cmi.objectives.0.id": first_objective, "cmi.objectives.0.score.raw": "100"}
    if version == "1.2":
        best |= {"cmi.core.lesson_status": "passed", "cmi.objectives.0.status": "passed"}
    else:
        best |= {"cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.scaled": "1",
                 "cmi.objectives.0.success_status": "passed"}
    server = lms(site)
    server.preload("a1", best)  # passed with 100 earlier, and no state this build can read: a new start
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    answer_assessment(frame, MODULE, correct=False)
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 0%. The pass mark is 80%.")).to_be_visible()
    exit_module(frame)
    server.wait_for_commits(1, final=True)
    stored = server.stored()
    assert any(key.startswith("cmi.interactions.") for key in stored)  # the attempt itself is recorded
    for element, value in best.items():
        if element != k["exit"]:
            assert stored[element] == value, element
    written = [c["args"][0] for c in api_log(page) if c["name"].endswith("SetValue")]
    assert k["raw"] not in written


def test_a_result_the_lms_holds_is_not_replaced_by_a_lesser_one(page, lms, built_site, version):
    """1.2: "passed" is not turned into "completed"; 2004: a known success is not turned into "unknown"."""
    module, _ = load_module(COMPLETED_BY_PAGES)
    pages = [(f"{lesson.id}-{page.id}", page.title) for lesson in module.lessons for page in lesson.pages]
    server = lms(built_site(COMPLETED_BY_PAGES, version))
    k = KEYS[version]
    held = {"cmi.core.lesson_status": "passed"} if version == "1.2" else {"cmi.success_status": "failed"}
    server.preload("a1", {**held, k["location"]: pages[0][0], k["exit"]: "suspend"})
    frame = launch(page, server, version)
    for _, title in pages[1:]:
        go_next(frame)
        expect(heading(frame, title)).to_be_visible()
    stored = stored_when(server, k["location"], pages[-1][0])
    if version == "2004":
        assert stored["cmi.completion_status"] == "completed"  # the pages are viewed: that part is new
    for element, value in held.items():
        assert stored[element] == value


# --- 16. on close: final values, then Finish alone ----------------------------------------------------

def test_pagehide_sets_the_final_values_and_finishes_without_commit(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    go_next(frame)
    expect(heading(frame, LESSON_TITLES[1])).to_be_visible()
    stored_when(server, KEYS[version]["location"], "l1_dual_use-lists")
    seen = len(api_log(page))
    close_sco(page)
    page.wait_for_function("lmsLog.some(c => /^(LMSFinish|Terminate)$/.test(c.name))")
    calls = calls_after(page, seen)
    finish = "LMSFinish" if version == "1.2" else "Terminate"
    assert [c["name"] for c in calls if not c["name"].endswith("SetValue")] == [finish]
    assert KEYS[version]["time"] in [c["args"][0] for c in calls]
    server.wait_for_commits(1, final=True)
    assert server.stored()[KEYS[version]["time"]]  # the session time arrives with Finish


def test_exit_commits_then_finishes(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    go_next(frame)
    expect(heading(frame, LESSON_TITLES[1])).to_be_visible()
    seen = len(api_log(page))
    exit_module(frame)
    expect(frame.get_by_text(SAVED)).to_be_visible()
    names = [c["name"] for c in calls_after(page, seen) if not c["name"].endswith("SetValue")]
    assert names == (["LMSCommit", "LMSFinish"] if version == "1.2" else ["Commit", "Terminate"])


# --- 17. a slow LMS does not freeze the first page ---------------------------------------------------

PAINT_PROBE = """(() => {
  if (window === window.top) {
    // The launcher logs this with every API call: had the SCO painted a page when the call came?
    window.lmsSnapshot = () => {
      const frame = document.querySelector("iframe");
      return !!(frame && frame.contentWindow && frame.contentWindow.__pagePainted);
    };
  } else {
    // In the SCO: a page counts as painted once an animation frame ran while exactly one page was shown.
    const tick = () => {
      if (document.querySelectorAll("[data-page]:not([hidden])").length === 1) window.__pagePainted = true;
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
})()"""


def startup_calls(page) -> list[dict]:
    """The API calls of the launch, up to and including its first Commit."""
    page.wait_for_function("lmsLog.some(c => /Commit$/.test(c.name))", timeout=30000)
    log = api_log(page)
    first_commit = next(i for i, c in enumerate(log) if c["name"].endswith("Commit"))
    return log[: first_commit + 1]


@pytest.mark.parametrize("launch_kind", ["first", "resume"])
def test_a_slow_lms_gets_few_calls_at_startup_and_none_writes_before_the_page_shows(page, lms, site, version,
                                                                                  launch_kind):
    page.add_init_script(PAINT_PROBE)
    server = lms(site)
    if launch_kind == "resume":
        frame = launch(page, server, version)
        go_next(frame)
        stored_when(server, KEYS[version]["location"], "l1_dual_use-lists")
        page.close(run_before_unload=True)
        server.wait_for_commits(1, final=True)
        page = page.context.new_page()
        page.add_init_script(PAINT_PROBE)
    frame = launch(page, server, version, latency="300")  # every call blocks for 300 ms
    expect(heading(frame, LESSON_TITLES[1 if launch_kind == "resume" else 0])).to_be_visible()
    calls = startup_calls(page)
    writes = [i for i, c in enumerate(calls) if WRITES.search(c["name"])]
    assert writes and all(calls[i]["snapshot"] is True for i in writes), calls  # the page first, then writes
    assert writes[0] <= 6, calls  # Initialize and at most 5 reads before the page shows
    assert len(calls) <= 13, [c["name"] + " " + str(c["args"]) for c in calls]


def close_request_bytes(cmi: dict[str, str]) -> int:
    """What Moodle sends at close for what the player wrote: every element it keeps, form-encoded."""
    kept = re.compile(r"^cmi\.(interactions|objectives)\.\d+\.|^cmi\.(core\.)?(lesson_|location|completion_|success_|"
                      r"progress_|score\.|exit|session_time|total_time)|^cmi\.suspend_data$")
    return sum(field(key, value) for key, value in cmi.items()
               if value and kept.search(key) and not re.search(r"\._(count|children)$", key))


def test_a_real_close_request_stays_within_the_build_estimate(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    for attempt in range(3):
        answer_assessment(frame, MODULE, correct=False)
        frame.get_by_role("button", name="Submit").click()
        if attempt < 2:
            frame.get_by_role("button", name="Try again").click()
    expect(frame.get_by_text("You have used all your attempts.")).to_be_visible()
    exit_module(frame)
    expect(frame.get_by_text(SAVED)).to_be_visible()
    sent = close_request_bytes(lms_data(page)) + MOODLE_FIELDS
    estimate = worst_case_close_request(MODULE, version)
    assert estimate.total / 2 < sent <= estimate.total, (sent, estimate)
