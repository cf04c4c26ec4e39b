"""The LMS stand-in's HTTP routes, one handler that the preview server and the test server both use:

  GET  /lms/lms.js, /lms/launcher.html   the LMS side of the page (static/)
  GET  /lms/versions.json               the version facts the page reads (versions.py)
  GET  /lms/wait?ms=N                   answers after N ms (at most MAX_WAIT_MS): a slow LMS's blocking call
  GET  /scorm-again/<file>              scorm-again's browser builds (the LMS-side runtime)
  GET  /cmi/<attempt>                   the CMI the LMS holds for the attempt (flattened JSON, {} if none)
  POST /commit/<attempt>                scorm-again's commit ("?final=true" on Finish/Terminate, "?fail=1"
                                        refuses it)
  POST /reset/<attempt>                 forget the attempt

Subclasses serve the SCO and their own pages (`route_get`), and may narrow the attempts (`attempt_key`).
Both servers answer on `HttpServer`.
"""

from __future__ import annotations

import json
import mimetypes
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from stce_scorm.preview.lms.backend import LmsBackend
from stce_scorm.preview.lms.versions import RUNTIME_FILES, lms_versions

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = ("lms.js", "launcher.html")
MAX_COMMIT_BYTES = 5 * 1024 * 1024
MAX_WAIT_MS = 10_000
_ATTEMPT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class HttpServer(ThreadingHTTPServer):
    """A thread per connection, none outliving the process. A browser closing a connection mid-request (a tab
    closed while a page loads, a keep-alive connection dropped) is normal here, not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class LmsHandler(BaseHTTPRequestHandler):
    """Answers the LMS routes; `backend` and `scorm_again_dir` are set on the subclass a server makes."""

    protocol_version = "HTTP/1.1"
    backend: LmsBackend
    scorm_again_dir: Path
    forbid_unload = True  # Moodle 4.5's SCORM player forbids `unload` (lms-pitfalls.md §14)

    def log_message(self, *args: Any) -> None:
        pass

    # ------------------------------------------------------------------ hooks for subclasses
    def route_get(self, path: str) -> bool:
        """Serve a route of the subclass; False if it is not one."""
        return False

    def attempt_key(self, segment: str) -> str | None:
        """The attempt a URL segment names, or None for a 404."""
        return segment if _ATTEMPT.match(segment) else None

    def request_allowed(self) -> bool:
        return True

    # ------------------------------------------------------------------ answers
    def send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, data: Any, status: int = 200) -> None:
        self.send(status, json.dumps(data).encode("utf-8"), "application/json; charset=utf-8")

    def not_found(self) -> None:
        self.send(404, b"not found", "text/plain; charset=utf-8")

    def send_file(self, base: Path | None, rel: str) -> None:
        """A file under `base`, never outside it."""
        if base is None:
            return self.not_found()
        base = base.resolve()
        target = (base / rel).resolve()
        if base not in target.parents or not target.is_file():
            return self.not_found()
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
            ctype += "; charset=utf-8"
        extra = {"Permissions-Policy": "unload=()"} if self.forbid_unload and ctype.startswith("text/html") else {}
        self.send(200, target.read_bytes(), ctype, extra)

    # ------------------------------------------------------------------ methods
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self.request_allowed():
            return
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if self.route_get(path):
            return
        kind, _, rest = path[1:].partition("/")
        if kind == "lms" and rest == "versions.json":
            return self.send_json(lms_versions())
        if kind == "lms" and rest == "wait":
            return self.wait(parse_qs(parts.query).get("ms", ["0"])[0])
        if kind == "lms":
            return self.send_file(STATIC, rest) if rest in STATIC_FILES else self.not_found()
        if kind == "scorm-again":
            return self.send_file(self.scorm_again_dir, rest) if rest in RUNTIME_FILES else self.not_found()
        if kind == "cmi" and (attempt := self.attempt_key(rest)):
            return self.send_json(self.backend.stored(attempt))
        self.not_found()

    def wait(self, ms: str) -> None:
        """Answer after `ms` milliseconds (bounded): the lms.js `latency` fault blocks on this."""
        try:
            seconds = min(max(int(ms), 0), MAX_WAIT_MS) / 1000
        except ValueError:
            return self.send(400, b"ms: a whole number", "text/plain; charset=utf-8")
        time.sleep(seconds)
        self.send(204, b"", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        if not self.request_allowed():
            return
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_COMMIT_BYTES:
            return self.send(413, b"too large", "text/plain; charset=utf-8")
        body = self.rfile.read(length) if length else b""
        kind, _, segment = path[1:].partition("/")
        attempt = self.attempt_key(segment)
        if attempt is None:
            return self.not_found()
        if kind == "commit":
            status, answer = self.backend.receive_commit(attempt, body, query.get("final") == ["true"],
                                                         self.headers.get("Content-Type", ""),
                                                         refuse=query.get("fail") == ["1"])
            return self.send_json(answer, status)
        if kind == "reset":
            self.backend.clear(attempt)
            return self.send_json({"result": True})
        self.not_found()
