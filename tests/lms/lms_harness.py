"""An LMS stand-in for browser tests: scorm-again (npm, pinned) as the LMS-side SCORM runtime in a launcher
page, and this small HTTP server on 127.0.0.1 as the LMS back end that stores what scorm-again commits.

Routes (one server per package folder, ephemeral port):
  GET  /launcher.html?version=1.2|2004&attempt=a1[&sco=index.html&mode=normal&mastery=80&commits=sync]
  GET  /sco/<path>           the unzipped package
  GET  /scorm-again/<file>   node_modules/scorm-again/dist/<file>
  POST /commit/<attempt>     scorm-again's commit (flattened JSON; "?final=true" on LMSFinish/Terminate)
  GET  /cmi/<attempt>        the CMI the LMS holds for that attempt (flattened JSON object, {} if none)

Typical use (the `lms` fixture in tests/browser/conftest.py starts and stops the server):

    server = lms(package_folder)
    sco = launch(page, server, "1.2")          # Playwright Frame of the SCO, API in the parent
    ...
    server.wait_for_commits(1)
    assert server.stored()["cmi.core.lesson_status"] == "incomplete"
"""

from __future__ import annotations

import json
import re
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).resolve().parent / "launcher.html"
SCORM_AGAIN_DIST = REPO / "node_modules" / "scorm-again" / "dist"

# Element that says whether the learner suspended, per version (decides entry=resume on relaunch).
EXIT_ELEMENT = {"1.2": "cmi.core.exit", "2004": "cmi.exit"}


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """`{"cmi": {"core": {"exit": "suspend"}}}` or already-flat input -> `{"cmi.core.exit": "suspend"}`.

    Lists become numbered keys (`cmi.interactions.0.id`); numbers and booleans become strings, as the
    SCORM API hands them to the SCO; None is dropped.
    """
    flat: dict[str, str] = {}
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = ((str(i), v) for i, v in enumerate(data))
    else:
        if data is None:
            return flat
        if isinstance(data, bool):
            return {prefix: "true" if data else "false"}
        return {prefix: str(data)}
    for key, value in items:
        flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def interactions(stored: dict[str, str]) -> list[dict[str, str]]:
    """The cmi.interactions.n.* records of a stored CMI, one dict per n, in order."""
    records: dict[int, dict[str, str]] = {}
    for key, value in stored.items():
        if match := re.match(r"cmi\.interactions\.(\d+)\.(.+)$", key):
            records.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [records[n] for n in sorted(records)]


@dataclass
class Commit:
    """One POST /commit/<attempt> as the LMS received it."""

    attempt: str
    time: float                 # time.time() on arrival
    cmi: dict[str, str]         # flattened CMI of this commit
    final: bool                 # True for the LMSFinish/Terminate commit (scorm-again adds ?final=true)
    content_type: str           # "text/plain..." for sendBeacon, "application/json..." for XHR/fetch
    accepted: bool              # False when the failure switch rejected it (nothing stored)
    raw: Any = field(repr=False, default=None)

    def __repr__(self) -> str:
        keys = {k: (v if len(v) <= 40 else v[:37] + "...") for k, v in self.cmi.items() if v}
        return (f"Commit({self.attempt!r}, final={self.final}, {self.transport}, accepted={self.accepted}, "
                f"{keys})")

    @property
    def transport(self) -> str:
        return "beacon" if self.content_type.startswith("text/plain") else "xhr"


class LmsServer:
    """The LMS back end; thread-safe. Use as a context manager or call start()/stop().

    commit_failure: None (commits succeed), "http500" (HTTP 500, nothing stored) or "result-false"
    (HTTP 200 with {"result": false, "errorCode": 101}, nothing stored). fail_next(n) fails only the next
    n commits. Note that a commit sent by sendBeacon (scorm-again's LMSFinish/Terminate in the default
    mode) cannot see the answer: the SCO still gets "true" even if the LMS rejects it.
    """

    def __init__(self, sco_dir: Path | str, *, forbid_unload: bool = True) -> None:
        self.sco_dir = Path(sco_dir).resolve()
        self.forbid_unload = forbid_unload
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._store: dict[str, dict[str, str]] = {}
        self._commits: list[Commit] = []
        self._requests: list[tuple[str, str]] = []
        self.commit_failure: str | None = None
        self._fail_remaining: int | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ life cycle
    def start(self) -> LmsServer:
        assert (SCORM_AGAIN_DIST / "scorm12.js").exists(), "npm package scorm-again missing: run scripts/setup"
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True, name="lms-harness")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LmsServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def launch_url(self, version: str = "1.2", attempt: str = "a1", **params: str) -> str:
        query = {"version": version, "attempt": attempt, **{k: str(v) for k, v in params.items()}}
        return f"{self.url}/launcher.html?{urlencode(query)}"

    # ------------------------------------------------------------------ the LMS's data
    def stored(self, attempt: str = "a1") -> dict[str, str]:
        """What the LMS holds for the attempt: flattened CMI (element -> string value), {} if nothing."""
        with self._lock:
            return dict(self._store.get(attempt, {}))

    def wait_until_stored(self, predicate, attempt: str = "a1", timeout: float = 6.0) -> dict[str, str]:
        """Block until what the LMS holds satisfies `predicate` (commits are throttled); return it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                stored = dict(self._store.get(attempt, {}))
                if predicate(stored):
                    return stored
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"the LMS never held the expected data: {stored}")
                self._changed.wait(remaining)

    def preload(self, attempt: str, cmi: dict[str, Any]) -> None:
        """Put data into the store as if an earlier session had committed it (flat or nested)."""
        with self._lock:
            self._store.setdefault(attempt, {}).update(flatten(cmi))

    def clear(self, attempt: str | None = None) -> None:
        with self._lock:
            if attempt is None:
                self._store.clear()
                self._commits.clear()
            else:
                self._store.pop(attempt, None)
                self._commits = [c for c in self._commits if c.attempt != attempt]

    def commits(self, attempt: str | None = None) -> list[Commit]:
        """Every commit received (accepted or rejected), oldest first."""
        with self._lock:
            return [c for c in self._commits if attempt is None or c.attempt == attempt]

    def requests(self) -> list[tuple[str, str]]:
        """(method, path) of every request, for debugging."""
        with self._lock:
            return list(self._requests)

    def wait_for_commits(self, count: int, attempt: str | None = None, timeout: float = 5.0,
                         final: bool | None = None) -> list[Commit]:
        """Block until at least `count` commits (only final ones if final=True) arrived; return them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self._commits
                         if (attempt is None or c.attempt == attempt) and (final is None or c.final == final)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} commit(s), got {len(found)}: {found}")
                self._changed.wait(remaining)

    # ------------------------------------------------------------------ failure switch
    def fail_commits(self, how: str | None = "http500") -> None:
        """Make every following commit fail ("http500" / "result-false"), or succeed again (None)."""
        assert how in (None, "http500", "result-false")
        with self._lock:
            self.commit_failure = how
            self._fail_remaining = None

    def fail_next(self, count: int, how: str = "http500") -> None:
        """Fail only the next `count` commits, then accept again (for retry tests)."""
        with self._lock:
            self.commit_failure = how
            self._fail_remaining = count

    # ------------------------------------------------------------------ called by the handler
    def _receive_commit(self, attempt: str, query: dict, body: bytes, content_type: str) -> tuple[int, dict]:
        try:
            raw = json.loads(body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raw = None
        final = query.get("final", [""])[0] == "true"
        with self._changed:
            failure = self.commit_failure
            if failure and self._fail_remaining is not None:
                self._fail_remaining -= 1
                if self._fail_remaining <= 0:
                    self.commit_failure, self._fail_remaining = None, None
            ok = raw is not None and not failure
            cmi = flatten(raw) if isinstance(raw, (dict, list)) else {}
            if ok:
                self._store.setdefault(attempt, {}).update(cmi)
            self._commits.append(Commit(attempt, time.time(), cmi, final, content_type, ok, raw))
            self._changed.notify_all()
        if raw is None:
            return 400, {"result": False, "errorCode": 101}
        if failure == "http500":
            return 500, {"result": False, "errorCode": 101}
        if failure == "result-false":
            return 200, {"result": False, "errorCode": 101}
        return 200, {"result": True, "errorCode": 0}


def _make_handler(server: LmsServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status: int, data: Any) -> None:
            self._send(status, json.dumps(data).encode(), "application/json")

        def _file(self, base: Path, rel: str) -> None:
            target = (base / rel).resolve()
            if base not in target.parents or not target.is_file():
                self._send(404, b"not found", "text/plain")
                return
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            extra = {}
            if server.forbid_unload and ctype.startswith("text/html"):
                # Moodle 4.5's SCORM player forbids `unload` (lms-pitfalls.md §14, exelearning#1831).
                extra["Permissions-Policy"] = "unload=()"
            self._send(200, target.read_bytes(), ctype, extra)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            with server._lock:
                server._requests.append(("GET", self.path))
            if path == "/launcher.html":
                self._file(LAUNCHER.parent, LAUNCHER.name)
            elif path.startswith("/sco/"):
                self._file(server.sco_dir, path[len("/sco/"):])
            elif path.startswith("/scorm-again/"):
                self._file(SCORM_AGAIN_DIST.resolve(), path[len("/scorm-again/"):])
            elif path.startswith("/cmi/"):
                self._json(200, server.stored(path[len("/cmi/"):]))
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with server._lock:
                server._requests.append(("POST", self.path))
            if not path.startswith("/commit/"):
                self._send(404, b"not found", "text/plain")
                return
            status, answer = server._receive_commit(path[len("/commit/"):], parse_qs(parts.query), body,
                                                    self.headers.get("Content-Type", ""))
            self._json(status, answer)

    return Handler


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


def api_log(page) -> list[dict]:
    """Every API call the SCO made so far: [{name, args, result, error, t}, ...]."""
    return page.evaluate("window.lmsLog")


def api_calls(page, name: str) -> list[dict]:
    return [entry for entry in api_log(page) if entry["name"] == name]


def close_sco(page) -> None:
    """Remove the SCO's frame, as an LMS page does when the learner leaves the activity: the SCO gets
    pagehide, while the launcher (its API and lmsLog) stays to be inspected."""
    page.evaluate("document.querySelector('iframe[title=\"SCO\"]').remove()")
