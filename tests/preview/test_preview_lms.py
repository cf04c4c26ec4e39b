"""The LMS stand-in that the preview and the browser tests share (stce_scorm/preview/lms): one copy of the
LMS-side page script, the version facts from one table, and its HTTP routes. Its behaviour in Chromium
(resume, faults, Moodle's rules) is tested in tests/browser/test_lms_harness.py."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import lxml.html
import pytest

from lms.hang_up import hang_up
from lms.lms_harness import SCORM_AGAIN_DIST
from stce_scorm.preview.lms import LmsServer
from stce_scorm.preview.lms.http import STATIC
from stce_scorm.preview.lms.versions import RUNTIME_FILES, lms_versions
from stce_scorm.preview.emulator_page import TEMPLATES, emulator_page
from stce_scorm.preview.server import STATIC as PREVIEW_STATIC
from stce_scorm.targets import TARGETS

EMULATOR_TEMPLATE = TEMPLATES / "emulator.html"


def get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as failure:
        return failure.code, failure.read()


def test_the_version_facts_come_from_the_output_targets():
    versions = lms_versions()
    assert sorted(versions) == sorted(TARGETS)
    for version, facts in versions.items():
        assert facts["apiName"] == TARGETS[version].api_name
        assert facts["suspendDataLimit"] == TARGETS[version].suspend_data_limit
        assert (facts["runtime"], facts["runtimeGlobal"]) == (TARGETS[version].preview_runtime,
                                                              TARGETS[version].preview_global)
        assert facts["runtime"] in RUNTIME_FILES and (SCORM_AGAIN_DIST / facts["runtime"]).is_file()
        assert len(facts["methods"]) == 8 and facts["methods"][6].endswith("GetErrorString")


def test_the_page_scripts_hold_no_copy_of_the_version_facts():
    scripts = [STATIC / "lms.js", STATIC / "launcher.html", PREVIEW_STATIC / "emulator.js", EMULATOR_TEMPLATE]
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        for facts in lms_versions().values():
            for fact in (facts["runtimeGlobal"], facts["runtime"], f'"{facts["methods"][0]}"'):
                assert fact not in text, f"{script.name} repeats {fact}"
    assert '<script src="/lms/lms.js"></script>' in EMULATOR_TEMPLATE.read_text(encoding="utf-8")


def test_the_emulator_page_names_no_version_and_lists_no_element_of_its_own():
    """The version switch, the state meters and the inspector's fields all come from the targets."""
    for script in (PREVIEW_STATIC / "emulator.js", EMULATOR_TEMPLATE):
        text = script.read_text(encoding="utf-8")
        for name, target in TARGETS.items():
            limit = target.suspend_data_limit
            for fact in (f'"{name}"', f"'{name}'", f'"{limit}"', f"{limit:,}", target.label):
                assert fact not in text, f"{script.name} repeats {fact}"
            assert lms_versions()[name]["fields"] == target.inspected_elements()
            assert [field for field in target.inspected_elements() if field in text] == [], script.name


def test_the_emulator_page_has_a_version_switch_and_a_state_meter_per_target():
    page = lxml.html.fromstring(emulator_page())
    assert page.xpath("//input[@name='version']/@value") == list(TARGETS)
    meters = page.xpath("//meter")
    assert [(meter.get("data-version"), int(meter.get("max"))) for meter in meters] == [
        (target.name, target.suspend_data_limit) for target in TARGETS.values()]
    for meter, target in zip(meters, TARGETS.values()):
        [label] = page.xpath(f"//label[@for='{meter.get('id')}']")
        assert label.text_content() == f"{target.label} limit ({target.suspend_data_limit:,})"


def test_serves_the_page_script_the_facts_and_the_store(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>SCO</title>", encoding="utf-8")
    with LmsServer(tmp_path, SCORM_AGAIN_DIST) as server:
        assert get(server.url + "/lms/lms.js") == (200, (STATIC / "lms.js").read_bytes())
        assert json.loads(get(server.url + "/lms/versions.json")[1]) == lms_versions()
        assert get(server.url + "/sco/index.html")[0] == 200
        status, answer = get(server.url + "/commit/a1?final=true", b'{"cmi.core.exit": "suspend"}')
        assert (status, json.loads(answer)) == (200, {"result": True, "errorCode": 0})
        assert json.loads(get(server.url + "/cmi/a1")[1]) == {"cmi.core.exit": "suspend"}
        assert server.commits("a1")[0].final
        for path in ("/cmi/..%2fsco", "/lms/server.py", "/lms/../backend.py", "/scorm-again/scorm12.js.map",
                     "/sco/../index.html"):
            assert get(server.url + path)[0] == 404, path


def test_the_slow_lms_wait_answers_after_the_time_asked_and_no_later_than_its_bound(tmp_path, monkeypatch):
    """The `latency` fault blocks each API call on /lms/wait (a blocking request, as a slow LMS's, not a busy loop)."""
    import time

    from stce_scorm.preview.lms import http

    with LmsServer(tmp_path, SCORM_AGAIN_DIST) as server:
        start = time.monotonic()
        assert get(server.url + "/lms/wait?ms=300") == (204, b"")
        assert time.monotonic() - start >= 0.3
        assert get(server.url + "/lms/wait?ms=soon")[0] == 400
        monkeypatch.setattr(http, "MAX_WAIT_MS", 50)
        start = time.monotonic()
        assert get(server.url + "/lms/wait?ms=60000")[0] == 204
        assert time.monotonic() - start < 30  # bounded: far less than the minute asked


@pytest.mark.parametrize("mid_answer", [False, True], ids=["between-requests", "mid-answer"])
def test_a_browser_that_hangs_up_is_no_error(tmp_path, capfd, mid_answer):
    """Regression: a reset connection (a tab closed while a page loads) printed a BrokenPipeError or
    ConnectionResetError traceback into the test log and the preview's terminal."""
    (tmp_path / "index.html").write_text("<!doctype html><title>SCO</title>", encoding="utf-8")
    (tmp_path / "video.bin").write_bytes(bytes(64 * 1024 * 1024))  # more than the sockets' buffers hold
    with LmsServer(tmp_path, SCORM_AGAIN_DIST) as server:
        hang_up(server.url, "/sco/video.bin" if mid_answer else "/lms/lms.js", mid_answer=mid_answer)
        assert get(server.url + "/sco/index.html")[0] == 200  # still serving
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err and "Exception occurred" not in printed.err, printed.err
