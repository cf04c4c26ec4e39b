"""The LMS stand-in on its own: one unzipped package behind the launcher page, on 127.0.0.1 and an ephemeral
port. The browser tests drive it; `stce-scorm preview` serves the same routes around its own page.

    with LmsServer(package_folder, scorm_again_dir) as lms:
        page.goto(lms.launch_url(version))         # the SCO in an iframe, the API in the launcher
        lms.wait_for_commits(1)
        assert lms.stored()["cmi.core.lesson_status"] == "incomplete"
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from stce_scorm.preview.lms.backend import LmsBackend
from stce_scorm.preview.lms.http import HttpServer, LmsHandler
from stce_scorm.preview.lms.versions import RUNTIME_FILES


class LmsServer(LmsBackend):
    """The LMS back end (what it stores, its faults) served over HTTP with the launcher page; thread-safe.
    Use as a context manager or call start()/stop()."""

    def __init__(self, sco_dir: Path | str, scorm_again_dir: Path | str, *, forbid_unload: bool = True) -> None:
        super().__init__()
        self.sco_dir = Path(sco_dir).resolve()
        self.scorm_again_dir = Path(scorm_again_dir).resolve()
        self.forbid_unload = forbid_unload
        self._requests: list[tuple[str, str]] = []
        self._httpd: Any = None

    # ------------------------------------------------------------------ life cycle
    def start(self) -> LmsServer:
        missing = [name for name in RUNTIME_FILES if not (self.scorm_again_dir / name).is_file()]
        assert not missing, f"scorm-again's {missing} are missing in {self.scorm_again_dir}: run scripts/setup"
        self._httpd = HttpServer(("127.0.0.1", 0), _handler_for(self))
        threading.Thread(target=self._httpd.serve_forever, daemon=True, name="lms-stand-in").start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LmsServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def launch_url(self, version: str, attempt: str = "a1", **params: Any) -> str:
        """The launcher page for `version` and `attempt`; more query parameters in launcher.html."""
        query = {"version": version, "attempt": attempt, **{k: str(v) for k, v in params.items()}}
        return f"{self.url}/lms/launcher.html?{urlencode(query)}"

    def requests(self) -> list[tuple[str, str]]:
        """(method, path) of every request, for debugging."""
        with self._lock:
            return list(self._requests)


def _handler_for(server: LmsServer) -> type[LmsHandler]:
    class Handler(LmsHandler):
        backend = server
        scorm_again_dir = server.scorm_again_dir
        forbid_unload = server.forbid_unload

        def request_allowed(self) -> bool:
            with server._lock:
                server._requests.append((self.command, self.path))
            return True

        def route_get(self, path: str) -> bool:
            if not path.startswith("/sco/"):
                return False
            self.send_file(server.sco_dir, path[len("/sco/"):])
            return True

    return Handler
