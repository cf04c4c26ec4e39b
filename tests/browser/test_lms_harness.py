"""The LMS stand-in itself (tests/lms): scorm-again in a launcher page + a Python back end storing commits.

A tiny hand-made SCO exercises it for SCORM 1.2 and 2004: values reach the store, a commit made in
`pagehide` survives closing the page, relaunch resumes, and the failure switch reaches the SCO.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lms.lms_harness import api_calls, flatten, launch, lms_data
from lms.moodle_rules import js_match, moodle_accepts

VERSIONS = ["1.2", "2004"]

# Element names per version, for the assertions.
EL = {
    "1.2": {"status": "cmi.core.lesson_status", "location": "cmi.core.lesson_location", "exit": "cmi.core.exit",
            "entry": "cmi.core.entry", "raw": "cmi.core.score.raw", "commit": "LMSCommit",
            "finish": "LMSFinish", "init": "LMSInitialize", "total": "cmi.core.total_time"},
    "2004": {"status": "cmi.completion_status", "location": "cmi.location", "exit": "cmi.exit",
             "entry": "cmi.entry", "raw": "cmi.score.raw", "commit": "Commit", "finish": "Terminate",
             "init": "Initialize", "total": "cmi.total_time"},
}

SCO_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tiny SCO</title></head>
<body>
<p id="state">loading</p>
<button id="finish" type="button">Finish</button>
<script>
(function () {
  // API discovery: walk up the parents (SCORM 2004 first, then 1.2).
  function find(name) {
    var w = window;
    for (var i = 0; i < 10 && w; i++) {
      try { if (w[name]) return w[name]; } catch (e) {}
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  }
  var api = find("API_1484_11"), v;
  if (api) {
    v = {init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
         err: "GetLastError", status: "cmi.completion_status", location: "cmi.location",
         exit: "cmi.exit", entry: "cmi.entry", session: "cmi.session_time",
         time: "PT5.25S", suspend: "suspend", normal: "normal", raw: "cmi.score.raw",
         total: "cmi.total_time"};
  } else {
    api = find("API");
    v = {init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
         finish: "LMSFinish", err: "LMSGetLastError", status: "cmi.core.lesson_status",
         location: "cmi.core.lesson_location", exit: "cmi.core.exit", entry: "cmi.core.entry",
         session: "cmi.core.session_time", time: "0000:00:05.25", suspend: "suspend", normal: "",
         raw: "cmi.core.score.raw", total: "cmi.core.total_time"};
  }
  var sco = window.sco = {finished: false};
  function set(el, val) { return api[v.set](el, val); }
  sco.commit = function () {
    var result = api[v.commit]("");
    return {result: result, error: api[v.err]()};
  };
  sco.initResult = api[v.init]("");
  sco.entry = api[v.get](v.entry);
  sco.resumedState = api[v.get]("cmi.suspend_data");
  sco.resumedLocation = api[v.get](v.location);
  sco.resumedStatus = api[v.get](v.status);
  sco.totalTime = api[v.get](v.total);
  set(v.status, "incomplete");
  set(v.location, "page-2");
  set("cmi.suspend_data", "state-1");
  set(v.exit, v.suspend);
  sco.firstCommit = sco.commit();
  document.getElementById("state").textContent = "running";

  document.getElementById("finish").addEventListener("click", function () {
    set(v.status, "completed");
    if (v.init === "Initialize") set("cmi.success_status", "passed");
    set(v.raw, "80");
    set(v.exit, v.normal);
    set(v.session, v.time);
    sco.finishResult = api[v.finish]("");
    sco.finished = true;
    document.getElementById("state").textContent = "finished";
  });

  // Page dismissal: save the latest state, commit, and finish once (never on `unload`).
  window.addEventListener("pagehide", function () {
    if (sco.finished) return;
    set("cmi.suspend_data", "from-pagehide");
    set(v.session, v.time);
    api[v.commit]("");
    api[v.finish]("");
    sco.finished = true;
  });
})();
</script>
</body></html>
"""


@pytest.fixture
def sco_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sco"
    folder.mkdir()
    (folder / "index.html").write_text(SCO_HTML, encoding="utf-8")
    return folder


# `page` (tests/browser/conftest.py): a page in a fresh context, failing the test on JavaScript errors.
# Pages are closed with the context kept open: closing a context drops beacons still being sent.


# ------------------------------------------------------------------------------------------ store
@pytest.mark.parametrize("version", VERSIONS)
def test_values_set_by_the_sco_reach_the_store(page, lms, sco_dir, version):
    server = lms(sco_dir)
    sco = launch(page, server, version)
    el = EL[version]
    assert sco.evaluate("window.sco.initResult") == "true"
    assert sco.evaluate("window.sco.firstCommit") == {"result": "true", "error": "0"}
    [commit] = server.wait_for_commits(1)
    assert commit.accepted and not commit.final and commit.transport == "xhr"
    stored = server.stored("a1")
    assert stored[el["status"]] == "incomplete"
    assert stored[el["location"]] == "page-2"
    assert stored["cmi.suspend_data"] == "state-1"
    assert stored[el["exit"]] == "suspend"
    assert stored[el["entry"]] == "ab-initio"
    # What the page holds now equals what was committed, for the elements the SCO set.
    live = lms_data(page)
    for key in (el["status"], el["location"], "cmi.suspend_data"):
        assert live[key] == stored[key]
    # The call log records name, arguments, return value and error code.
    [init] = api_calls(page, el["init"])
    assert init["result"] == "true" and init["error"] == "0"
    assert any(c["args"] == [el["location"], "page-2"] and c["result"] == "true"
               for c in api_log_sets(page, version))


def api_log_sets(page, version):
    return api_calls(page, "LMSSetValue" if version == "1.2" else "SetValue")


@pytest.mark.parametrize("version", VERSIONS)
def test_finish_sends_a_final_commit(page, lms, sco_dir, version):
    server = lms(sco_dir)
    sco = launch(page, server, version)
    server.wait_for_commits(1)
    sco.click("#finish")
    assert sco.evaluate("window.sco.finishResult") == "true"
    [final] = server.wait_for_commits(1, final=True)
    assert final.accepted and final.transport == "beacon"   # scorm-again terminates with sendBeacon
    stored = server.stored()
    el = EL[version]
    assert stored[el["status"]] == "completed"
    assert stored[el["raw"]] == "80"
    assert stored[el["total"]] in ("00:00:05.25", "PT5.25S")
    if version == "2004":
        assert stored["cmi.success_status"] == "passed"


@pytest.mark.parametrize("mastery, expected", [(None, "completed"), ("80", "failed")])
def test_scorm12_finish_applies_moodle_status_rules(page, lms, tmp_path, mastery, expected):
    """Moodle's LMSFinish: an untouched status becomes "completed"; with a mastery score and a raw score,
    "Mastery score overrides status" makes it passed/failed."""
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "index.html").write_text(
        '<!doctype html><script>var a = parent.API; a.LMSInitialize("");'
        'a.LMSSetValue("cmi.core.score.raw", "50"); window.done = a.LMSFinish("");</script>', encoding="utf-8")
    server = lms(tmp_path / "bare")
    launch(page, server, "1.2", **({"mastery": mastery} if mastery else {}))
    server.wait_for_commits(1, final=True)
    assert server.stored()["cmi.core.lesson_status"] == expected


# -------------------------------------------------------------------------------- page dismissal
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("how", ["close", "navigate"])
def test_commit_made_in_pagehide_reaches_the_server(page, lms, sco_dir, version, how):
    server = lms(sco_dir)
    launch(page, server, version)
    server.wait_for_commits(1)
    if how == "close":
        page.close(run_before_unload=True)
    else:
        page.goto("about:blank")
    commits = server.wait_for_commits(1, final=True, timeout=10)
    assert server.stored()["cmi.suspend_data"] == "from-pagehide"
    assert server.stored()[EL[version]["exit"]] == "suspend"
    # The pagehide LMSCommit is a synchronous XHR, which Chrome refuses during page dismissal; what
    # carries the data is the Finish/Terminate commit, sent by navigator.sendBeacon.
    final = [c for c in commits if c.final]
    assert final[-1].transport == "beacon" and final[-1].cmi["cmi.suspend_data"] == "from-pagehide"


@pytest.mark.parametrize("version", VERSIONS)
def test_moodle_transport_loses_what_pagehide_sends(page, lms, sco_dir, version):
    """commits=moodle: every store is a synchronous XHR, as Moodle's DoRequest; Chrome blocks them during
    page dismissal, so the pagehide data never arrives (what a real Moodle does: commit before pagehide)."""
    server = lms(sco_dir)
    launch(page, server, version, commits="moodle")
    server.wait_for_commits(1)
    page.close(run_before_unload=True)
    time.sleep(1.5)
    assert server.stored()["cmi.suspend_data"] == "state-1"
    assert not any(c.final for c in server.commits())


# ------------------------------------------------------------------------------------------ resume
@pytest.mark.parametrize("version", VERSIONS)
def test_relaunch_resumes_from_the_stored_data(page, lms, sco_dir, version):
    server = lms(sco_dir)
    el = EL[version]
    launch(page, server, version)
    server.wait_for_commits(1)
    page.close(run_before_unload=True)        # keep the context open: closing it drops pending beacons
    server.wait_for_commits(1, final=True)

    second = page.context.new_page()
    sco = launch(second, server, version)
    assert sco.evaluate("window.sco.entry") == "resume"
    assert sco.evaluate("window.sco.resumedState") == "from-pagehide"
    assert sco.evaluate("window.sco.resumedLocation") == "page-2"
    assert sco.evaluate("window.sco.resumedStatus") == "incomplete"
    assert server.stored()[el["total"]] in ("00:00:05.25", "PT5.25S")
    assert sco.evaluate("window.sco.totalTime") in ("00:00:05.25", "PT5.25S")
    second.close()

    # Another attempt starts afresh.
    third = page.context.new_page()
    sco = launch(third, server, version, attempt="a2")
    assert sco.evaluate("window.sco.entry") == "ab-initio"
    assert sco.evaluate("window.sco.resumedState") == ""
    third.close()


@pytest.mark.parametrize("version, entry", [("1.2", ""), ("2004", "resume")])
def test_relaunch_after_logout_resumes_only_where_moodle_does(page, lms, sco_dir, version, entry):
    """Moodle resumes after exit "logout" in 2004 and not in 1.2: the stand-in does it from the target's
    declared `resumeExits`, never by the version's name."""
    server = lms(sco_dir)
    el = EL[version]
    server.preload("a1", {el["status"]: "incomplete", el["exit"]: "logout", el["entry"]: "ab-initio",
                          "cmi.suspend_data": "x"})
    sco = launch(page, server, version)
    assert sco.evaluate("window.sco.entry") == entry
    assert sco.evaluate("window.sco.resumedState") == "x"
    assert lms_data(page)[el["entry"]] == entry  # set anew at launch, never the stored "ab-initio"


@pytest.mark.parametrize("version", VERSIONS)
def test_relaunch_after_normal_exit_is_not_resume(page, lms, sco_dir, version):
    server = lms(sco_dir)
    server.preload("a1", {EL[version]["status"]: "completed", EL[version]["exit"]: "", "cmi.suspend_data": "x"})
    sco = launch(page, server, version)
    assert sco.evaluate("window.sco.entry") == ""          # Moodle: neither ab-initio nor resume
    assert sco.evaluate("window.sco.resumedState") == "x"


# --------------------------------------------------------------------------------- failure switch
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("how", ["http500", "result-false"])
def test_failing_commits_are_reported_to_the_sco(page, lms, sco_dir, version, how):
    server = lms(sco_dir)
    sco = launch(page, server, version)
    server.wait_for_commits(1)
    server.fail_commits(how)
    sco.evaluate("""() => { const api = window.parent.API_1484_11 || window.parent.API;
                            (api.SetValue || api.LMSSetValue).call(api, 'cmi.suspend_data', 'state-2'); }""")
    assert sco.evaluate("window.sco.commit()") == {"result": "false", "error": "101"}
    assert server.stored()["cmi.suspend_data"] == "state-1"
    assert [c.accepted for c in server.commits()] == [True, False]
    # The player retries once the LMS is back.
    server.fail_commits(None)
    assert sco.evaluate("window.sco.commit()") == {"result": "true", "error": "0"}
    assert server.stored()["cmi.suspend_data"] == "state-2"


def test_fail_next_fails_only_that_many(page, lms, sco_dir):
    server = lms(sco_dir)
    sco = launch(page, server, "1.2")
    server.wait_for_commits(1)
    server.fail_next(2)
    results = [sco.evaluate("window.sco.commit().result") for _ in range(3)]
    assert results == ["false", "false", "true"]


# ------------------------------------------------------------------------------------ moodle_rules
@pytest.mark.parametrize("element, value, ok", [
    ("cmi.core.session_time", "0000:01:02.5", True),
    ("cmi.core.session_time", "00:01:02", True),
    ("cmi.core.session_time", "1:2:3", False),
    ("cmi.core.session_time", "00:01:02.123", False),
    ("cmi.core.session_time", "PT1S", False),
    ("cmi.core.score.raw", "80", True),
    ("cmi.core.score.raw", "100", True),
    ("cmi.core.score.raw", "100.5", False),
    ("cmi.core.score.raw", "-1", False),
    ("cmi.core.score.raw", "abc", False),
    ("cmi.core.lesson_status", "passed", True),
    ("cmi.core.lesson_status", "not attempted", False),
    ("cmi.core.exit", "suspend", True),
    ("cmi.core.exit", "", True),
    ("cmi.core.exit", "normal", False),
    ("cmi.core.lesson_location", "x" * 255, True),
    ("cmi.core.lesson_location", "x" * 256, False),
    ("cmi.suspend_data", "x" * 4096, True),
    ("cmi.suspend_data", "x" * 4097, False),
    ("cmi.suspend_data", "\U0001F600" * 2048, True),    # 4096 UTF-16 code units
    ("cmi.suspend_data", "\U0001F600" * 2049, False),
    ("cmi.interactions.0.id", "q1_a", True),
    ("cmi.interactions.0.id", "q 1", False),
    ("cmi.interactions.0.type", "choice", True),
    ("cmi.interactions.0.type", "long-fill-in", False),
    ("cmi.interactions.0.result", "wrong", True),
    ("cmi.interactions.0.result", "incorrect", False),
    ("cmi.interactions.0.time", "09:05:00", True),
    ("cmi.interactions.0.time", "9:05", False),
    ("cmi.interactions.0.weighting", "1", True),
    ("cmi.interactions.0.student_response", "a,b", True),
])
def test_moodle_rules_scorm12(element, value, ok):
    assert moodle_accepts(element, value, "1.2") is ok


def test_moodle_rules_scorm12_nonstandard_mode_allows_64000():
    assert moodle_accepts("cmi.suspend_data", "x" * 5000, "1.2", standard_mode=False)
    assert not moodle_accepts("cmi.suspend_data", "x" * 64001, "1.2", standard_mode=False)


@pytest.mark.parametrize("element, value, ok", [
    ("cmi.session_time", "PT1.12S", True),
    ("cmi.session_time", "PT1.123S", False),
    ("cmi.session_time", "PT1H2M3S", True),
    ("cmi.session_time", "P1W", False),
    ("cmi.session_time", "PT1.5M", False),
    ("cmi.session_time", "0000:00:01", False),
    ("cmi.session_time", "", False),
    ("cmi.interactions.0.timestamp", "2024-05-01T09:00:00.12Z", True),
    ("cmi.interactions.0.timestamp", "2024-05-01T09:00:00", True),
    ("cmi.interactions.0.timestamp", "2024-05-01T09:00:00Z", False),
    ("cmi.interactions.0.timestamp", "2024-05-01T09:00:00.123Z", False),
    ("cmi.interactions.0.timestamp", "2039-01-01", False),
    ("cmi.score.raw", "80", True),
    ("cmi.score.raw", "", False),
    ("cmi.score.raw", "123456", False),
    ("cmi.score.scaled", "0.8", True),
    ("cmi.score.scaled", "1.5", False),
    ("cmi.score.scaled", "1e-7", False),
    ("cmi.progress_measure", "0.5", True),
    ("cmi.progress_measure", "-0.1", False),
    ("cmi.completion_status", "completed", True),
    ("cmi.completion_status", "passed", False),
    ("cmi.success_status", "failed", True),
    ("cmi.success_status", "completed", False),
    ("cmi.exit", "normal", True),
    ("cmi.exit", "suspend", True),
    ("cmi.exit", "quit", False),
    ("cmi.location", "x" * 1000, True),
    ("cmi.location", "x" * 1001, False),
    ("cmi.suspend_data", "x" * 64000, True),
    ("cmi.suspend_data", "x" * 64001, False),
    ("cmi.interactions.0.id", "urn:stce:q-1", True),
    ("cmi.interactions.0.id", "q 1", False),
    ("cmi.interactions.0.type", "long-fill-in", True),
    ("cmi.interactions.0.type", "essay", False),
    ("cmi.interactions.0.result", "incorrect", True),
    ("cmi.interactions.0.result", "wrong", False),
    ("cmi.interactions.0.description", "Which goods are dual-use?", True),
    ("cmi.interactions.0.description", "line\nbreak", False),
    ("cmi.interactions.0.learner_response", "a\nb", False),
])
def test_moodle_rules_scorm2004(element, value, ok):
    assert moodle_accepts(element, value, "2004") is ok


@pytest.mark.parametrize("itype, value, ok", [
    ("choice", "q3_b", True),
    ("choice", "q3_a[,]q3_b", True),
    ("choice", "q3-b", False),          # CMIShortIdentifier: no hyphen
    ("choice", "q3_a[,]q3_a", False),   # unique
    ("true-false", "true", True),
    ("true-false", "yes", False),
    ("matching", "a[.]b[,]c[.]d", True),
    ("matching", "a[.]b-1", False),
    ("numeric", "3.5", True),
    ("fill-in", "export licence", True),
    ("likert", "l_3", True),
])
def test_moodle_rules_2004_learner_response(itype, value, ok):
    assert moodle_accepts("cmi.interactions.0.learner_response", value, "2004", interaction_type=itype) is ok


def test_moodle_rules_follow_javascript_regex_semantics():
    assert js_match(r"^\d+$", "12\n") is None          # `$` is the end of input, not before a newline
    assert js_match(r"^\d+$", "١٢") is None            # `\d` is ASCII only
    assert js_match(r"^.*$", "a\rb") is None           # `.` excludes \r, \u2028, \u2029 too
    assert js_match(r"^({lang=en})?x$", "{lang=en}x") == "{lang=en}x"


def test_flatten_handles_nested_and_flat_payloads():
    nested = {"cmi": {"core": {"exit": "suspend", "score": {"raw": 80}}, "interactions": [{"id": "q1"}]}}
    assert flatten(nested) == {"cmi.core.exit": "suspend", "cmi.core.score.raw": "80",
                               "cmi.interactions.0.id": "q1"}
    assert flatten({"cmi.core.exit": "suspend"}) == {"cmi.core.exit": "suspend"}


def test_unload_is_forbidden_in_the_sco_frame_like_moodle_45(page, lms, sco_dir):
    """lms-pitfalls.md §14: Moodle 4.5's SCORM iframe disallows `unload`; the stand-in sends
    `Permissions-Policy: unload=()` (LmsServer(forbid_unload=False) to lift it)."""
    sco = launch(page, lms(sco_dir), "1.2")
    assert sco.evaluate("document.featurePolicy.allowsFeature('unload')") is False
