"""The preview server: an LMS emulator page, the built SCO, and a small LMS back end, on 127.0.0.1.

Routes:
  GET  /                        the emulator page (templates/emulator.html, emulator_page.py)
  GET  /static/<file>           its stylesheet and script
  GET  /sco/<version>/<path>    the unzipped package of the last good build (a target's URL segment)
  GET  /status                  the latest build: number, ok, problems, versions, and each target's facts
                                (URL segment, API name, scorm-again build, state limit); `?after=N` answers
                                once a build after N is done (at most STATUS_WAIT seconds later): the page
                                asks again at once, so it relaunches the SCO as soon as a save is rebuilt
and the LMS stand-in's own (preview/lms/http.py), with one attempt per version, named by its segment:
  GET  /lms/<file>, /scorm-again/<file>, /cmi/<version>; POST /commit/<version> (`?fail=1` refuses it: the
  "LMS fails Commit" switch), /reset/<version>

A watcher thread rebuilds on every change in the module folder; the page sees the build number change and
relaunches the SCO (a resume, since the stored CMI is kept).
"""

from __future__ import annotations

import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from stce_scorm.errors import UsageError
from stce_scorm.preview.builds import BuildStatus, PreviewBuilds
from stce_scorm.preview.emulator_page import emulator_page
from stce_scorm.preview.lms import Commit, LmsBackend
from stce_scorm.preview.lms.http import HttpServer, LmsHandler
from stce_scorm.preview.lms_runtime import RUNTIME_FILES, ensure_scorm_again, has_runtime_files
from stce_scorm.targets import TARGETS

STATIC = Path(__file__).resolve().parent / "static"
STATUS_WAIT = 10.0  # seconds a /status?after=N request waits for a new build before answering anyway
VERSIONS = tuple(TARGETS)
# URL segment per target: no dot, so relative links inside the SCO never look like file extensions.
SEGMENT = {target.name: target.segment for target in TARGETS.values()}
# What the emulator page needs to stand in for each target's LMS.
TARGET_FACTS = {target.name: {"label": target.label, "segment": target.segment, "apiName": target.api_name,
                              "build": target.preview_runtime, "global": target.preview_global,
                              "suspendDataLimit": target.suspend_data_limit} for target in TARGETS.values()}


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
        self._httpd: HttpServer | None = None
        self._port: int | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.lms = LmsBackend()  # one attempt per version, named by its URL segment

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
            self._httpd = HttpServer((self.host, self._requested_port), _make_handler(self))
        except OSError as problem:
            self._work.cleanup()
            raise UsageError(f"cannot listen on {self.host}:{self._requested_port}: {problem.strerror or problem}",
                             "choose another --port, or 0 for a free one") from problem
        self._port = self._httpd.server_address[1]  # kept after stop: a request still being answered asks it
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
        assert self._port is not None, "server not started"
        return self._port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def status(self) -> BuildStatus:
        assert self.builds is not None, "server not started"
        return self.builds.status

    def status_after(self, number: int, timeout: float) -> BuildStatus:
        """The status once a build after `number` is done, or after `timeout` seconds."""
        assert self.builds is not None, "server not started"
        return self.builds.status_after(number, timeout)

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
        return self.lms.stored(SEGMENT[version])

    def commits(self, version: str | None = None) -> list[Commit]:
        """Every commit received, accepted or refused, oldest first (`attempt` is the version's segment)."""
        return self.lms.commits(SEGMENT[version] if version else None)

    def reset(self, version: str) -> None:
        """Forget the attempt stored for `version`."""
        self.lms.clear(SEGMENT[version])

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


def _make_handler(server: PreviewServer) -> type[LmsHandler]:
    by_segment = {segment: version for version, segment in SEGMENT.items()}

    def version_of(segment: str) -> str | None:
        return by_segment.get(segment) or (segment if segment in VERSIONS else None)

    class Handler(LmsHandler):
        server_version = "stce-scorm-preview"
        backend = server.lms
        scorm_again_dir = server.scorm_again_dir or Path()

        def request_allowed(self) -> bool:
            # Only the names this server answers to: a page elsewhere cannot rebind a name to 127.0.0.1.
            port = server.port
            allowed = {f"{server.host}:{port}", f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
            if self.headers.get("Host", "") in allowed:
                return True
            self.send(403, b"unexpected Host header", "text/plain; charset=utf-8")
            return False

        def attempt_key(self, segment: str) -> str | None:
            version = version_of(segment)
            return SEGMENT[version] if version else None

        def route_get(self, path: str) -> bool:
            if path in ("/", "/index.html"):
                self.send(200, emulator_page(), "text/html; charset=utf-8")
            elif path.startswith("/static/"):
                self.send_file(STATIC, path[len("/static/"):])
            elif path == "/status":
                after = parse_qs(urlsplit(self.path).query).get("after", [""])[0]
                status = server.status_after(int(after), STATUS_WAIT) if after.isdigit() else server.status
                self.send_json({**status.as_json(), "defaultVersion": server.version,
                                "segments": SEGMENT, "targets": TARGET_FACTS})
            elif path.startswith("/sco/"):
                segment, _, rest = path[len("/sco/"):].partition("/")
                version = version_of(segment)
                self.send_file(server.site(version) if version else None, rest)
            else:
                return False
            return True

    return Handler


__all__ = ["PreviewServer", "serve_preview"]
