"""The browser tests' side of the LMS stand-in (stce_scorm/preview/lms, shared with `stce-scorm preview`):
scorm-again from node_modules (npm, pinned in package.json) as the LMS-side runtime, and Playwright helpers
to launch a SCO in the launcher page and read what the LMS saw.

Typical use (the `lms` fixture in tests/conftest.py starts and stops the server):

    server = lms(package_folder)
    sco = launch(page, server, "1.2")          # Playwright Frame of the SCO, API in the parent
    ...
    server.wait_for_commits(1)
    assert server.stored()["cmi.core.lesson_status"] == "incomplete"
"""

from __future__ import annotations

from pathlib import Path

from stce_scorm.preview.lms import Commit, LmsServer, flatten, interactions

REPO = Path(__file__).resolve().parents[2]
SCORM_AGAIN_DIST = REPO / "node_modules" / "scorm-again" / "dist"

__all__ = ["Commit", "LmsServer", "SCORM_AGAIN_DIST", "api_calls", "api_log", "close_sco", "flatten",
           "interactions", "launch", "lms_data", "wait_until_saved"]


# ---------------------------------------------------------------------- Playwright helpers
def launch(page, lms: LmsServer, version: str = "1.2", attempt: str = "a1", timeout: float = 10_000,
           **params: str):
    """Open the launcher for `version`/`attempt` and return the SCO's Playwright Frame once it has loaded.

    Extra keyword params go into the launcher's query (sco=, mode=, mastery=, passing=, commits=).
    """
    page.goto(lms.launch_url(version, attempt, **params))
    page.wait_for_function("window.lmsReady === true || !!window.lmsLaunchError", timeout=timeout)
    error = page.evaluate("window.lmsLaunchError || null")
    assert error is None, f"launcher failed: {error}"
    handle = page.wait_for_selector('iframe[title="SCO"]', timeout=timeout)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_load_state("load", timeout=timeout)
    return frame


def lms_data(page) -> dict[str, str]:
    """The CMI as scorm-again holds it in the page right now (flattened), committed or not."""
    return {k: ("" if v is None else str(v)) for k, v in page.evaluate("window.lmsState()").items()}


def wait_until_saved(page, lms: LmsServer, timeout: float = 6.0) -> dict[str, str]:
    """Block until the LMS has stored the suspend_data the SCO holds now (its throttled commit went out);
    return what is stored. Waits for that condition, never for a fixed time."""
    held = lms_data(page).get("cmi.suspend_data", "")
    assert held, "the SCO holds no suspend_data yet"
    return lms.wait_until_stored(lambda stored: stored.get("cmi.suspend_data") == held, timeout=timeout)


def api_log(page) -> list[dict]:
    """Every API call the SCO made so far: [{name, args, result, error, t}, ...]."""
    return page.evaluate("window.lmsLog")


def api_calls(page, name: str) -> list[dict]:
    return [entry for entry in api_log(page) if entry["name"] == name]


def close_sco(page) -> None:
    """Remove the SCO's frame, as an LMS page does when the learner leaves the activity: the SCO gets
    pagehide, while the launcher (its API and lmsLog) stays to be inspected."""
    page.evaluate("document.querySelector('iframe[title=\"SCO\"]').remove()")
