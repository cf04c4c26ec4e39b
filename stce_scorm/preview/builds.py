"""The preview's builds: the real pipeline's load, check and render into a temporary folder, one folder
per package as it would unzip (no zip and no package validation in the save-and-look loop: `build` does those).
When only lesson files changed since the last good build, only those lessons are re-read and re-rendered
(preview/lesson_update.py says when that is enough); any other change is a full build.

A failed build keeps the last good one on display and records the problems as the CLI prints them, so
the emulator page can show them; the server never stops for a source error.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

from lxml import etree
from watchfiles import Change, DefaultFilter

from stce_scorm.errors import ModuleError, PackageError, StceError
from stce_scorm.pipeline import check_sources, image_cache, target_files
from stce_scorm.preview.lesson_update import GoodBuild, update_lessons
from stce_scorm.render.site import render_module
from stce_scorm.targets import TARGETS

# What the watcher ignores (editor swap and backup files, version control) is no source change either.
_IGNORED = DefaultFilter()


@dataclass(frozen=True)
class BuildStatus:
    """The outcome of the latest build; `number` grows with every attempt, good or not."""

    number: int = 0
    ok: bool = False
    problems: tuple[str, ...] = ()      # `file:line:col: error: ...` lines, errors and warnings alike
    versions: tuple[str, ...] = ()      # versions of the last good build, servable under /sco/<version>/
    title: str = ""
    seconds: float = 0.0                # wall time of the build
    cpu_seconds: float = 0.0            # CPU time of the thread that built: what other processes' load does not change
    mastery: tuple[tuple[str, str], ...] = ()  # (version, mastery score) from each manifest that has one
    lessons: tuple[str, ...] = ()       # the lessons re-rendered alone; empty after a full build

    def as_json(self) -> dict:
        return {"build": self.number, "ok": self.ok, "problems": list(self.problems),
                "versions": list(self.versions), "title": self.title, "seconds": round(self.seconds, 3),
                "cpu_seconds": round(self.cpu_seconds, 3), "mastery": dict(self.mastery), "lessons": list(self.lessons)}


@dataclass
class PreviewBuilds:
    """Builds `module_dir` into `work_dir`; thread-safe, one build at a time."""

    module_dir: Path
    work_dir: Path
    cache_dir: Path | None = None
    log: Callable[[str], None] = lambda message: None
    _status: BuildStatus = field(default_factory=BuildStatus)
    _sites: dict[str, Path] = field(default_factory=dict)
    _packages: dict[str, dict[str, bytes]] = field(default_factory=dict)  # the served files, by version
    _good: GoodBuild | None = None
    _good_sources: dict[Path, tuple[int, int, int]] = field(default_factory=dict)  # as the last good build read them
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _building: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._done = threading.Condition(self._lock)  # notified when a build, good or not, is done

    @property
    def status(self) -> BuildStatus:
        with self._lock:
            return self._status

    def status_after(self, number: int, timeout: float) -> BuildStatus:
        """The status as soon as a build after `number` is done, or as it is after `timeout` seconds: the
        emulator page asks this way, so it hears of a build at once without polling fast."""
        with self._done:
            self._done.wait_for(lambda: self._status.number > number, timeout)
            return self._status

    def site(self, version: str) -> Path | None:
        """The unzipped package of `version` from the last good build."""
        with self._lock:
            return self._sites.get(version)

    def rebuild(self) -> BuildStatus:
        """Build every version the module lists; on success, swap the served folders."""
        with self._building:
            number = self.status.number + 1
            started, cpu_started = time.monotonic(), time.thread_time()
            folder = self.work_dir / f"build-{number}"
            sources = _source_files(self.module_dir)  # before reading: a save during the build shows next time
            changed = {path for path in sources.keys() | self._good_sources.keys()
                       if sources.get(path) != self._good_sources.get(path)}
            try:
                good = update_lessons(self._good, changed) if self._good is not None else None
                if good is None:
                    good = _full_build(self.module_dir, image_cache(self.cache_dir))
                packages = target_files(good.checked.module, good.site)
                sites = {}
                for version, files in packages.items():
                    sites[version] = folder / "sco" / TARGETS[version].segment
                    _write_site(sites[version], files, self._sites.get(version), self._packages.get(version, {}))
                title = good.checked.module.config.title
                problems = tuple(str(p) for p in good.checked.warnings)
            except (ModuleError, PackageError) as failure:
                return self._failed(number, [str(p) for p in failure.problems], started, folder)
            except StceError as failure:
                return self._failed(number, failure.format_message().splitlines(), started, folder)
            except Exception as failure:  # noqa: BLE001 - an internal error must not stop the server
                self.log(traceback.format_exc())
                return self._failed(number, [f"internal error while building: {failure!r}"], started, folder)
            mastery = tuple((version, score) for version, site in sites.items()
                            if (score := _mastery_score(site / "imsmanifest.xml")))
            status = BuildStatus(number, True, problems, tuple(sites), title, time.monotonic() - started,
                                 time.thread_time() - cpu_started, mastery, good.updated)
            with self._lock:
                previous = set(self._sites.values())
                self._status, self._sites = status, sites
                self._done.notify_all()
            self._good, self._good_sources, self._packages = good, sources, packages
            self._prune(keep={folder} | {p.parent.parent for p in previous})
            made = ", ".join("SCORM " + v for v in sites) + (f", lesson {', '.join(good.updated)} re-rendered"
                                                             if good.updated else "")
            self.log(f"build {number}: {made} in {status.seconds:.2f} s")
            return status

    def _failed(self, number: int, problems: list[str], started: float, folder: Path) -> BuildStatus:
        shutil.rmtree(folder, ignore_errors=True)
        with self._lock:
            self._status = BuildStatus(number, False, tuple(problems), self._status.versions, self._status.title,
                                       time.monotonic() - started)
            status = self._status
            self._done.notify_all()
        self.log(f"build {number} failed; still serving the last good build:\n" + "\n".join(problems))
        return status

    def _prune(self, keep: set[Path]) -> None:
        """Remove older build folders; the one before the newest stays, for a frame still loading from it."""
        for old in self.work_dir.glob("build-*"):
            if old not in keep:
                shutil.rmtree(old, ignore_errors=True)


def _full_build(module_dir: Path, images: Path) -> GoodBuild:
    """Load, check and render the whole module."""
    checked = check_sources(module_dir, None, translations=False)
    return GoodBuild(checked, render_module(checked.module, checked.theme, images, checked.player), images)


def _write_site(folder: Path, files: dict[str, bytes], previous: Path | None, previous_files: dict[str, bytes]) -> None:
    """A package's files as its unzipped folder: the preview serves them without a zip in between.
    A file the previous folder holds with the same bytes is linked, not written again."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and previous_files.get(name) == data:
            try:
                os.link(previous / name, path)
                continue
            except OSError:
                pass  # a file system without hard links: write it
        path.write_bytes(data)


def _source_files(module_dir: Path) -> dict[Path, tuple[int, int, int]]:
    """Every file of the module folder with its size, modification time and inode: what tells a change."""
    found = {}
    for path in module_dir.rglob("*"):
        if _IGNORED(Change.modified, str(path)):
            try:
                stat = path.stat()
            except OSError:
                continue  # removed since the folder was listed: absent, as it will be when it is read
            if not path.is_dir():
                found[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return found


def _mastery_score(manifest: Path) -> str:
    """The manifest's mastery score (a pass mark the LMS hands the SCO), in the targets that declare one."""
    root = etree.parse(str(manifest))
    found = next((element for target in TARGETS.values() if target.manifest.mastery_score
                  for element in root.iter(target.manifest.mastery_score)), None)
    return (found.text or "").strip() if found is not None else ""

