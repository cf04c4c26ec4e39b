"""The player against a real LMS-side runtime (scorm-again in a Moodle-like launcher), for both
SCORM versions: what the LMS holds after each step is what a training office will see."""

from __future__ import annotations


from playwright.sync_api import expect

from learner import answer, answer_assessment, exit_module, go_next, heading, questions_by_id
from lms.lms_harness import api_log, launch, lms_data
from lms.moodle_rules import moodle_accepts
from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module

MODULE, _ = load_module(EXAMPLE_MODULE)
LESSON_TITLES = [page.title for lesson in MODULE.lessons for page in lesson.pages]
KEYS = {
    "1.2": {"status": "cmi.core.lesson_status", "location": "cmi.core.lesson_location", "exit": "cmi.core.exit",
            "entry": "cmi.core.entry", "time": "cmi.core.session_time", "raw": "cmi.core.score.raw",
            "min": "cmi.core.score.min", "max": "cmi.core.score.max", "suspend": "cmi.suspend_data"},
    "2004": {"status": "cmi.completion_status", "location": "cmi.location", "exit": "cmi.exit",
             "entry": "cmi.entry", "time": "cmi.session_time", "raw": "cmi.score.raw",
             "min": "cmi.score.min", "max": "cmi.score.max", "suspend": "cmi.suspend_data"},
}




def stored_when(server, element: str, value: str, timeout: float = 5.0) -> dict[str, str]:
    """What the LMS holds once `element` has reached `value` (commits are throttled, so wait)."""
    return server.wait_until_stored(lambda stored: stored.get(element) == value, timeout=timeout)


def assert_moodle_accepts(stored: dict[str, str], version: str) -> None:
    """Every value the player writes passes Moodle's own validation of that element."""
    written = set(KEYS[version].values()) - {KEYS[version]["entry"]}
    if version == "2004":
        written |= {"cmi.success_status", "cmi.progress_measure", "cmi.score.scaled"}
    for element in sorted(written & set(stored)):
        if stored[element] != "":
            assert moodle_accepts(element, stored[element], version), f"Moodle rejects {element} = {stored[element]!r}"


def test_first_launch_reports_incomplete_and_suspends(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    expect(heading(frame, LESSON_TITLES[0])).to_be_visible()
    k = KEYS[version]
    stored = stored_when(server, k["location"], "l1_dual_use-p1")
    assert stored[k["status"]] == "incomplete"
    assert stored[k["exit"]] == "suspend"
    assert 0 < len(stored[k["suspend"]]) <= (4096 if version == "1.2" else 64000)
    assert k["raw"] not in stored or stored[k["raw"]] == ""  # no score before an assessment is submitted
    initialize = "LMSInitialize" if version == "1.2" else "Initialize"
    assert [c["name"] for c in api_log(page)].count(initialize) == 1
    assert frame.evaluate("document.title") == f"{LESSON_TITLES[0]} – {MODULE.config.title}"


def test_close_mid_module_and_resume_on_the_same_page_with_answers(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    go_next(frame)
    expect(heading(frame, LESSON_TITLES[1])).to_be_focused()
    check = questions_by_id(MODULE)["kc_l1_list"]
    answer(frame, check, correct=True)
    frame.get_by_role("button", name="Check answer").click()
    expect(frame.get_by_text("Right. Countries share a core list")).to_be_visible()
    page.close(run_before_unload=True)  # the learner closes the window: pagehide finishes the session
    server.wait_for_commits(1, final=True)
    stored, k = server.stored(), KEYS[version]
    assert stored[k["exit"]] == "suspend"
    assert stored[k["location"]] == "l1_dual_use-lists"
    assert moodle_accepts(k["time"], stored[k["time"]], version), stored[k["time"]]
    assert_moodle_accepts(stored, version)

    relaunched = page.context.new_page()
    frame = launch(relaunched, server, version)
    assert lms_data(relaunched)[k["entry"]] == "resume"
    expect(heading(frame, LESSON_TITLES[1])).to_be_visible()
    expect(frame.get_by_role("radio", name="False (correct answer)")).to_be_checked()
    expect(frame.get_by_text("Right. Countries share a core list")).to_be_visible()
    expect(frame.locator("#progress-text")).to_have_text("Page 2 of 6")


def test_completing_the_module_reports_passed_with_score(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    for title in LESSON_TITLES[1:]:
        go_next(frame)
        expect(heading(frame, title)).to_be_visible()
    go_next(frame)
    frame.get_by_role("button", name="Start the assessment").click()
    answer_assessment(frame, MODULE, correct=True)
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 100%. You passed.")).to_be_visible()
    k = KEYS[version]
    stored = stored_when(server, k["raw"], "100")
    if version == "1.2":
        assert stored["cmi.core.lesson_status"] == "passed"
    else:
        assert stored["cmi.completion_status"] == "completed"
        assert stored["cmi.success_status"] == "passed"
        assert stored["cmi.score.scaled"] == "1"
        assert stored["cmi.progress_measure"] == "1"
    assert (stored[k["raw"]], stored[k["min"]], stored[k["max"]]) == ("100", "0", "100")
    exit_module(frame)
    expect(frame.get_by_text("Your progress is saved. You can close this window now.")).to_be_visible()
    server.wait_for_commits(1, final=True)
    stored = server.stored()
    assert stored[k["exit"]] == ("" if version == "1.2" else "normal")
    assert moodle_accepts(k["time"], stored[k["time"]], version)
    assert_moodle_accepts(stored, version)
    finish = "LMSFinish" if version == "1.2" else "Terminate"
    names = [c["name"] for c in api_log(page)]
    assert names.count(finish) == 1 and names[-1] == finish  # nothing after finishing, even on pagehide
    page.close(run_before_unload=True)


def test_a_failed_assessment_stays_incomplete_and_keeps_the_attempt(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    frame.get_by_role("link", name="Final check").click()
    frame.get_by_role("button", name="Start the assessment").click()
    answer_assessment(frame, MODULE, correct=False)
    frame.get_by_role("button", name="Submit").click()
    expect(frame.get_by_text("You scored 0%. The pass mark is 80%.")).to_be_visible()
    expect(frame.get_by_role("link", name="At the border")).to_be_visible()  # review before trying again
    k = KEYS[version]
    stored = stored_when(server, k["raw"], "0")
    assert stored[k["status"]] == "incomplete"  # on_assessment_failed: incomplete
    if version == "2004":
        assert stored["cmi.success_status"] == "failed"  # Moodle stores no row for "unknown"
    assert stored[k["raw"]] == "0"
    expect(frame.get_by_text("Attempt 1 of 3")).to_be_visible()


def test_progress_measure_and_location_follow_the_learner(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    for title in LESSON_TITLES[1:3]:
        go_next(frame)
        expect(heading(frame, title)).to_be_visible()
    k = KEYS[version]
    stored = stored_when(server, k["location"], "l2_border-p1")
    if version == "2004":
        assert stored["cmi.progress_measure"] == "0.6"  # 3 of 4 pages + the assessment still to pass
    assert_moodle_accepts(stored, version)


def test_a_failed_commit_is_retried_and_the_learner_told(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    server.wait_for_commits(1)
    server.fail_next(2)
    go_next(frame)
    expect(frame.get_by_text("Your progress could not be saved. Retrying…")).to_be_visible()
    expect(frame.get_by_text("Your progress is saved again.")).to_be_visible(timeout=15000)
    stored_when(server, KEYS[version]["location"], "l1_dual_use-lists")
    assert len([c for c in server.commits() if not c.accepted]) == 2


def test_no_unload_handler_is_ever_registered(page, lms, site, version):
    page.add_init_script("""(() => {
      const seen = window.__listeners = [];
      const add = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (type, ...rest) { seen.push(type); return add.call(this, type, ...rest); };
    })()""")
    server = lms(site)
    frame = launch(page, server, version)
    registered = frame.evaluate("window.__listeners")
    assert "pagehide" in registered and "visibilitychange" in registered
    assert "unload" not in registered and "beforeunload" not in registered
    assert frame.evaluate("window.onunload === null && window.onbeforeunload === null")


def test_standalone_without_an_lms_says_so_and_keeps_progress(page, serve, site):
    url = serve(site) + "/index.html"
    page.goto(url)
    expect(page.get_by_text("Your progress is not being recorded in a learning platform.")).to_be_visible()
    go_next(page)
    expect(heading(page, LESSON_TITLES[1])).to_be_visible()
    page.reload()
    expect(heading(page, LESSON_TITLES[1])).to_be_visible()


def test_hidden_page_commits_at_once(page, lms, site, version):
    server = lms(site)
    frame = launch(page, server, version)
    frame.get_by_role("radio", name="False", exact=True).count()  # the player is up
    server.wait_for_commits(1)
    before = len(server.commits())
    answer_count = frame.evaluate("""() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
      return STCE.log.filter(e => /Commit$/.test(e.call)).length;
    }""")
    assert answer_count >= 2
    server.wait_for_commits(before + 1)


def test_with_moodle_blocking_saves_a_page_change_is_stored_before_the_window_closes(page, lms, site, version):
    """Moodle saves through blocking requests, which Chrome refuses while a page is closing: whatever
    the player had not committed before pagehide is lost there. A page change commits at once."""
    server = lms(site)
    frame = launch(page, server, version, commits="moodle")
    go_next(frame)
    expect(heading(frame, LESSON_TITLES[1])).to_be_visible()
    stored_when(server, KEYS[version]["location"], "l1_dual_use-lists")
    page.close(run_before_unload=True)
    assert server.stored()[KEYS[version]["location"]] == "l1_dual_use-lists"
