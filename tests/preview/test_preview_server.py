"""The preview server over plain HTTP: what it serves, the emulated LMS's storage, rebuilds and source errors,
and the CLI command end to end (scorm-again from a pre-filled user cache, so no network). The server previews a
copy of the smallest complete module (tests/fixtures/minimal)."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lms.hang_up import hang_up
from repo_paths import REPO
from stce_scorm.errors import UsageError
from stce_scorm.preview import PreviewServer
from stce_scorm.preview.lms_runtime import SCORM_AGAIN_INTEGRITY, cached_runtime_dir, install_tarball

SCORM_AGAIN_DIST = REPO / "node_modules" / "scorm-again" / "dist"


def get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as failure:
        return failure.code, failure.read(), dict(failure.headers)


def post(url: str, data: object) -> dict:
    request = urllib.request.Request(url, json.dumps(data).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def preview(minimal_copy, tmp_path):
    server = PreviewServer(minimal_copy.path, port=0, scorm_again_dir=SCORM_AGAIN_DIST, cache_dir=tmp_path / "cache")
    with server:
        yield server


def test_serves_the_emulator_the_sco_and_scorm_again_on_localhost(preview):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", preview.url)
    assert preview.port != 0 and preview._httpd.server_address[0] == "127.0.0.1"
    status, page, _ = get(preview.url)
    assert status == 200 and b'src="/static/emulator.js"' in page
    for name in ("emulator.js", "emulator.css"):
        assert get(preview.url + "static/" + name)[0] == 200
    state = json.loads(get(preview.url + "status")[1])
    assert state["ok"] and state["build"] == 1 and state["versions"] == ["1.2", "2004"]
    assert state["problems"] == [] and state["title"] == "The smallest complete module"
    assert state["mastery"] == {"1.2": "80"}  # SCORM 2004 packages carry no mastery score
    for segment in ("12", "2004"):
        status, sco, headers = get(f"{preview.url}sco/{segment}/index.html")
        assert status == 200 and b'id="stce-config"' in sco
        assert headers["Permissions-Policy"] == "unload=()" and headers["Cache-Control"] == "no-store"
    assert get(preview.url + "scorm-again/scorm12.min.js")[0] == 200
    assert get(preview.url + "scorm-again/scorm2004.min.js")[0] == 200


def test_a_browser_that_hangs_up_is_no_error(preview, capfd):
    """A reset connection (the preview tab closed while a page loads) prints no traceback in the terminal."""
    hang_up(preview.url, "/static/emulator.js", mid_answer=False)
    assert get(preview.url + "static/emulator.css")[0] == 200  # still serving
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err and "Exception occurred" not in printed.err, printed.err


def test_nothing_outside_the_served_folders_is_reachable(preview):
    for path in ("sco/12/../../../../etc/passwd", "sco/12/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "static/../server.py",
                 "scorm-again/scorm12.js.map", "scorm-again/../package.json", "sco/13/index.html", "cmi/../status"):
        assert get(preview.url + path)[0] == 404, path


def test_only_its_own_host_names_are_answered(preview):
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.request("GET", "/status", headers={"Host": "attacker.example:80"})
    assert connection.getresponse().status == 403
    connection.close()
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.request("GET", "/status", headers={"Host": f"localhost:{preview.port}"})
    assert connection.getresponse().status == 200
    connection.close()


def test_the_lms_stores_commits_per_version_rejects_on_demand_and_resets(preview):
    assert post(preview.url + "commit/12", {"cmi.core.exit": "suspend", "cmi.suspend_data": "abc"}) == \
        {"result": True, "errorCode": 0}
    assert post(preview.url + "commit/12?fail=1", {"cmi.core.exit": ""}) == {"result": False, "errorCode": 101}
    assert post(preview.url + "commit/2004?final=true", {"cmi": {"exit": "suspend", "interactions": []}})["result"]
    assert json.loads(get(preview.url + "cmi/12")[1]) == {"cmi.core.exit": "suspend", "cmi.suspend_data": "abc"}
    assert preview.stored("2004") == {"cmi.exit": "suspend"}
    assert [(c.attempt, c.accepted, c.final) for c in preview.commits()] == \
        [("12", True, False), ("12", False, False), ("2004", True, True)]  # one attempt per version's segment
    assert [c.accepted for c in preview.commits("1.2")] == [True, False]
    assert post(preview.url + "reset/12", {}) == {"result": True}
    assert preview.stored("1.2") == {} and preview.stored("2004") == {"cmi.exit": "suspend"}


def test_a_source_error_is_reported_and_the_last_good_build_stays_served(preview, minimal_copy):
    minimal_copy.edit("module.yaml", "navigation: free", "navigation: freely")
    status = preview.wait_for_build(2)
    line = minimal_copy.line_of("module.yaml", "navigation:")
    assert not status.ok
    assert f"module.yaml:{line}:1: error: navigation: 'freely' is not one of the allowed values" in \
        "\n".join(status.problems)
    answer = json.loads(get(preview.url + "status")[1])
    assert answer["ok"] is False and answer["build"] == 2 and answer["versions"] == ["1.2", "2004"]
    assert get(preview.url + "sco/12/index.html")[0] == 200  # still the last good build
    minimal_copy.edit("module.yaml", "navigation: freely", "navigation: free")
    status = preview.wait_for_build(3)
    assert status.ok and status.problems == ()
    assert len(list(Path(preview._work.name).glob("build-*"))) <= 2  # old builds are cleaned away


def test_status_after_a_build_answers_once_a_newer_build_is_done(preview, minimal_copy, monkeypatch):
    import stce_scorm.preview.server as server_module

    monkeypatch.setattr(server_module, "STATUS_WAIT", 0.2)
    assert json.loads(get(preview.url + "status?after=1")[1])["build"] == 1  # no newer build: answered anyway
    assert json.loads(get(preview.url + "status?after=0")[1])["build"] == 1
    monkeypatch.setattr(server_module, "STATUS_WAIT", 15.0)
    answers: list[dict] = []
    waiting = threading.Thread(target=lambda: answers.append(json.loads(get(preview.url + "status?after=1")[1])))
    waiting.start()
    minimal_copy.edit("lessons/01-dual-use.md", "Governments publish", "Most governments publish")
    waiting.join(timeout=20)
    assert answers and answers[0]["build"] == 2 and answers[0]["ok"] and answers[0]["lessons"] == ["l1_dual_use"]
    assert b"Most governments publish" in get(preview.url + "sco/12/pages/l1_dual_use-2.js")[1]


def test_a_busy_port_is_a_clear_error(minimal_copy, preview, tmp_path):
    with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{preview.port}"):
        PreviewServer(minimal_copy.path, port=preview.port, scorm_again_dir=SCORM_AGAIN_DIST,
                      cache_dir=tmp_path / "cache", watch=False).start()


def test_a_folder_without_module_yaml_is_refused(tmp_path):
    with pytest.raises(UsageError, match="no module.yaml"):
        PreviewServer(tmp_path)


def test_the_cli_prints_the_url_serves_and_stops_on_ctrl_c(minimal_copy, tmp_path):
    # A user cache that already holds the verified release, as after a first preview.
    cache = tmp_path / "user-cache"
    packed = tmp_path / "packed"
    packed.mkdir()
    subprocess.run(["npm", "pack", str(SCORM_AGAIN_DIST.parent), "--pack-destination", str(packed)],
                   check=True, capture_output=True, cwd=packed)
    install_tarball(next(packed.glob("*.tgz")), SCORM_AGAIN_INTEGRITY, cached_runtime_dir(cache), packed / "staging")
    # Ctrl-C in a terminal reaches a process whose SIGINT is at its default; a test run started in the background
    # passes SIGINT on ignored (POSIX shells do that to background jobs), and a preview started so never stopped.
    start = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from stce_scorm.cli import main; main()"
    command = [sys.executable, "-c", start, "preview", str(minimal_copy.path), "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "STCE_SCORM_CACHE": str(cache)})
    try:
        line = process.stdout.readline()
        match = re.fullmatch(r"Preview: (http://127\.0\.0\.1:\d+/)\n", line)
        assert match, line + process.stderr.read() if process.poll() is not None else line
        assert json.loads(get(match.group(1) + "status")[1])["ok"] is True
        assert get(match.group(1) + "scorm-again/scorm2004.min.js")[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=15)
    assert process.returncode == 0, errors
    assert "Preview stopped." in errors and "Traceback" not in errors


def test_a_module_broken_from_the_start_is_served_once_fixed(minimal_copy, tmp_path):
    minimal_copy.edit("module.yaml", "navigation: free", "navigation: freely")
    with PreviewServer(minimal_copy.path, port=0, scorm_again_dir=SCORM_AGAIN_DIST, cache_dir=tmp_path / "cache") as server:
        answer = json.loads(get(server.url + "status")[1])
        assert (answer["ok"], answer["versions"]) == (False, [])
        assert any(": error: navigation:" in line for line in answer["problems"])
        assert get(server.url + "sco/12/index.html")[0] == 404
        minimal_copy.edit("module.yaml", "navigation: freely", "navigation: free")
        assert server.wait_for_build(2).ok
        assert get(server.url + "sco/12/index.html")[0] == 200
