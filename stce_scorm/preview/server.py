"""The preview server: an LMS emulator page, the built SCO, and a small LMS back end, on 127.0.0.1.

Routes:
  GET  /                        the emulator page (static/index.html)
  GET  /static/<file>           its stylesheet and script
  GET  /scorm-again/<file>      scorm-again's browser builds (the LMS-side runtime)
  GET  /sco/<version>/<path>    the unzipped package of the last good build (a target's URL segment)
  GET  /status                  the latest build: number, ok, problems, versions, and each target's facts
                                (URL segment, API name, scorm-again build, state limit; the page polls it)
  GET  /cmi/<version>           the CMI the LMS stored for the current attempt (flattened JSON)
  POST /commit/<version>        scorm-again's commit; `?fail=1` rejects it (the "LMS fails Commit" switch)
  POST /reset/<version>         forget the stored attempt

A watcher thread rebuilds on every change in the module folder; the page sees the build number change and
relaunches the SCO (a resume, since the stored CMI is kept).
"""

from __future__ import annotations

import json
import mimetypes
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from stce_scorm.errors import UsageError
from stce_scorm.preview.builds import BuildStatus, PreviewBuilds
from stce_scorm.preview.lms_runtime import RUNTIME_FILES, ensure_scorm_again, has_runtime_files
from stce_scorm.targets import TARGETS

STATIC = Path(__file__).resolve().parent / "static"
VERSIONS = tuple(TARGETS)
# URL segment per target: no dot, so relative links inside the SCO never look like file extensions.
SEGMENT = {target.name: target.segment for target in TARGETS.values()}
# What the emulator page needs to stand in for each target's LMS.
TARGET_FACTS = {target.name: {"label": target.label, "segment": target.segment, "apiName": target.api_name,
                              "build": target.preview_runtime, "global": target.preview_global,
                              "suspendDataLimit": target.suspend_data_limit} for target in TARGETS.values()}
MAX_COMMIT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Commit:
    """One commit as the emulated LMS received it."""

    version: str
    cmi: dict[str, str]
    final: bool
    accepted: bool
    time: float


class _HttpServer(ThreadingHTTPServer):
    """A browser closing a connection mid-request is normal here, not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class PreviewServer:
    """The preview, startable and stoppable from Python: `with PreviewServer(folder, port=0) as server: server.url`.

    `scorm_again_dir` is a folder holding scorm-again's `scorm12.min.js` and `scorm2004.min.js`; without it,
    the pinned release is fetched once into the user cache and verified (lms_runtime.ensure_scorm_again).
    """

    def __init__(self, module_dir: Path | str, host: str = "127.0.0.1", port: int = 8000, version: str = VERSIONS[0],
                 *, scorm_again_dir: Path | None = None, cache_dir: Path | None = None, watch: bool = True,
                 log: Callable[[str], None] | None = None) -> None:
        if version not in VERSIONS:
            raise UsageError(f"unknown SCORM version {version!r}", f"use {' or '.join(VERSIONS)}")
        self.module_dir = Path(module_dir).resolve()
        if not (self.module_dir / "module.yaml").is_file():
            raise UsageError(f"{module_dir}: no module.yaml here", "pass the folder that holds module.yaml")
        self.host, self._requested_port, self.version = host, port, version
        self.scorm_again_dir = Path(scorm_again_dir) if scorm_again_dir else None
        self.cache_dir = cache_dir
        self.watch = watch
        self.log = log or (lambda message: None)
        self.builds: PreviewBuilds | None = None
        self._work: tempfile.TemporaryDirectory | None = None
        self._httpd: _HttpServer | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._store: dict[str, dict[str, str]] = {v: {} for v in VERSIONS}
        self._commits: list[Commit] = []

    # ------------------------------------------------------------------ life cycle
    def start(self) -> PreviewServer:
        """Build once, then serve and watch in background threads."""
        runtime = self.scorm_again_dir or ensure_scorm_again(self.cache_dir)
        if not has_runtime_files(runtime):
            raise UsageError(f"{runtime}: scorm-again's {' and '.join(RUNTIME_FILES)} are missing",
                             "pass the dist folder of scorm-again 3.4.3")
        self.scorm_again_dir = runtime.resolve()
        self._work = tempfile.TemporaryDirectory(prefix="stce-preview-")
        self.builds = PreviewBuilds(self.module_dir, Path(self._work.name), self.cache_dir, self.log)
        self.builds.rebuild()
        try:
            self._httpd = _HttpServer((self.host, self._requested_port), _make_handler(self))
        except OSError as problem:
            self._work.cleanup()
            raise UsageError(f"cannot listen on {self.host}:{self._requested_port}: {problem.strerror or problem}",
                             "choose another --port, or 0 for a free one") from problem
        self._httpd.daemon_threads = True
        self._spawn(self._httpd.serve_forever, "preview-http")
        if self.watch:
            self._spawn(self._watch, "preview-watch")
        return self

    def stop(self) -> None:
        """Stop serving and watching; remove the temporary builds."""
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        if self._work is not None:
            self._work.cleanup()
            self._work = None

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def status(self) -> BuildStatus:
        assert self.builds is not None, "server not started"
        return self.builds.status

    def site(self, version: str) -> Path | None:
        """The unzipped package of the last good build for `version`, if any."""
        assert self.builds is not None, "server not started"
        return self.builds.site(version)

    def rebuild(self) -> BuildStatus:
        """Build now (the watcher calls this on every change)."""
        assert self.builds is not None, "server not started"
        return self.builds.rebuild()

    def wait_for_build(self, number: int, timeout: float = 15.0) -> BuildStatus:
        """Block until build `number` (or a later one) is done; for tests and scripts."""
        deadline = time.monotonic() + timeout
        while self.status.number < number:
            if time.monotonic() > deadline:
                raise TimeoutError(f"build {number} did not happen; latest is {self.status.number}")
            time.sleep(0.05)
        return self.status

    # ------------------------------------------------------------------ the emulated LMS's storage
    def stored(self, version: str) -> dict[str, str]:
        """The CMI the LMS holds for `version`'s attempt (flattened)."""
        with self._lock:
            return dict(self._store[version])

    def commits(self, version: str | None = None) -> list[Commit]:
        """Every commit received, accepted or rejected, oldest first."""
        with self._lock:
            return [c for c in self._commits if version in (None, c.version)]

    def reset(self, version: str) -> None:
        """Forget the attempt stored for `version`."""
        with self._lock:
            self._store[version] = {}
            self._commits = [c for c in self._commits if c.version != version]

    def _commit(self, version: str, raw: Any, final: bool, fail: bool) -> dict:
        cmi = _flatten(raw) if isinstance(raw, dict) else {}
        accepted = isinstance(raw, dict) and not fail
        with self._lock:
            if accepted:
                self._store[version].update(cmi)
            self._commits.append(Commit(version, cmi, final, accepted, time.time()))
        # scorm-again reads {"result", "errorCode"}; 101 is the general exception of both versions.
        return {"result": True, "errorCode": 0} if accepted else {"result": False, "errorCode": 101}

    # ------------------------------------------------------------------ threads
    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _watch(self) -> None:
        from watchfiles import watch

        # The module folder holds its lessons, quizzes, media, templates/ and themes/.
        for changes in watch(self.module_dir, stop_event=self._stop, debounce=300, step=50,
                             raise_interrupt=False):
            names = sorted({Path(path).name for _, path in changes})
            self.log(f"changed: {', '.join(names)}")
            self.rebuild()


def serve_preview(module_dir: Path, host: str = "127.0.0.1", port: int = 8000, version: str = VERSIONS[0],
                  open_browser: bool = False, scorm_again_dir: Path | None = None) -> None:
    """Serve the preview until Ctrl-C: the CLI's `stce-scorm preview`."""
    import click

    def log(message: str) -> None:
        click.echo(message, err=True)

    server = PreviewServer(module_dir, host, port, version, scorm_again_dir=scorm_again_dir, log=log).start()
    try:
        click.echo(f"Preview: {server.url}")
        if not server.status.ok:
            click.echo("The module has errors; the page lists them and reloads once they are fixed.", err=True)
        click.echo("Watching for changes; press Ctrl-C to stop.", err=True)
        if open_browser:
            webbrowser.open(server.url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("Preview stopped.", err=True)
    finally:
        server.stop()


def _flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """Nested or flat commit JSON -> `{"cmi.core.exit": "suspend", ...}`; values as the API hands them out."""
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = [(str(i), v) for i, v in enumerate(data)]
    elif data is None:
        return {}
    else:
        return {prefix: ("true" if data else "false") if isinstance(data, bool) else str(data)}
    flat: dict[str, str] = {}
    for key, value in items:
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def _make_handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    by_segment = {segment: version for version, segment in SEGMENT.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "stce-scorm-preview"

        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
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

        def _json(self, data: Any, status: int = 200) -> None:
            self._send(status, json.dumps(data).encode("utf-8"), "application/json; charset=utf-8")

        def _not_found(self) -> None:
            self._send(404, b"not found", "text/plain; charset=utf-8")

        def _file(self, base: Path | None, rel: str) -> None:
            if base is None:
                return self._not_found()
            base = base.resolve()
            target = (base / rel).resolve()
            if base not in target.parents or not target.is_file():
                return self._not_found()
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
                ctype += "; charset=utf-8"
            extra = {}
            if ctype.startswith("text/html"):
                # Moodle 4.5's player forbids `unload`; so does the emulator (lms-pitfalls.md §14).
                extra["Permissions-Policy"] = "unload=()"
            self._send(200, target.read_bytes(), ctype, extra)

        def _host_allowed(self) -> bool:
            # Only the names this server answers to: a page elsewhere cannot rebind a name to 127.0.0.1.
            port = server.port
            allowed = {f"{server.host}:{port}", f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
            if self.headers.get("Host", "") in allowed:
                return True
            self._send(403, b"unexpected Host header", "text/plain; charset=utf-8")
            return False

        def _version(self, segment: str) -> str | None:
            return by_segment.get(segment) or (segment if segment in VERSIONS else None)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            if not self._host_allowed():
                return
            path = unquote(urlsplit(self.path).path)
            if path in ("/", "/index.html"):
                return self._file(STATIC, "index.html")
            if path.startswith("/static/"):
                return self._file(STATIC, path[len("/static/"):])
            if path.startswith("/scorm-again/"):
                name = path[len("/scorm-again/"):]
                return self._file(server.scorm_again_dir, name) if name in RUNTIME_FILES else self._not_found()
            if path == "/status":
                return self._json({**server.status.as_json(), "defaultVersion": server.version,
                                   "segments": SEGMENT, "targets": TARGET_FACTS})
            segment, _, rest = path[1:].partition("/")[2].partition("/")
            if path.startswith("/sco/"):
                version = self._version(segment)
                return self._file(server.site(version) if version else None, rest)
            if path.startswith("/cmi/") and (version := self._version(segment)) and not rest:
                return self._json(server.stored(version))
            self._not_found()

        def do_POST(self) -> None:
            if not self._host_allowed():
                return
            parts = urlsplit(self.path)
            path, query = unquote(parts.path), parse_qs(parts.query)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_COMMIT_BYTES:
                return self._send(413, b"too large", "text/plain; charset=utf-8")
            body = self.rfile.read(length) if length else b""
            kind, _, segment = path[1:].partition("/")
            version = self._version(segment)
            if version is None:
                return self._not_found()
            if kind == "commit":
                try:
                    raw = json.loads(body.decode("utf-8") or "{}")
                except (UnicodeDecodeError, json.JSONDecodeError):
                    raw = None
                answer = server._commit(version, raw, query.get("final") == ["true"], query.get("fail") == ["1"])
                return self._json(answer)
            if kind == "reset":
                server.reset(version)
                return self._json({"result": True})
            self._not_found()

    return Handler


__all__ = ["PreviewServer", "serve_preview"]
