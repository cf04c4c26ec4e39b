"""The preview's builds: the real pipeline's load, check and render into a temporary folder, one folder
per package as it would unzip (no zip and no package validation in the save-and-look loop: `build` does those).

A failed build keeps the last good one on display and records the problems as the CLI prints them, so
the emulator page can show them; the server never stops for a source error.
"""

from __future__ import annotations

import shutil
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

from lxml import etree

from stce_scorm.pipeline import package_files
from stce_scorm.errors import ModuleError, PackageError, StceError
from stce_scorm.targets import TARGETS


@dataclass(frozen=True)
class BuildStatus:
    """The outcome of the latest build; `number` grows with every attempt, good or not."""

    number: int = 0
    ok: bool = False
    problems: tuple[str, ...] = ()      # `file:line:col: error: ...` lines, errors and warnings alike
    versions: tuple[str, ...] = ()      # versions of the last good build, servable under /sco/<version>/
    title: str = ""
    seconds: float = 0.0
    mastery: tuple[tuple[str, str], ...] = ()  # (version, mastery score) from each manifest that has one

    def as_json(self) -> dict:
        return {"build": self.number, "ok": self.ok, "problems": list(self.problems),
                "versions": list(self.versions), "title": self.title, "seconds": round(self.seconds, 3),
                "mastery": dict(self.mastery)}


@dataclass
class PreviewBuilds:
    """Builds `module_dir` into `work_dir`; thread-safe, one build at a time."""

    module_dir: Path
    work_dir: Path
    cache_dir: Path | None = None
    log: Callable[[str], None] = lambda message: None
    _status: BuildStatus = field(default_factory=BuildStatus)
    _sites: dict[str, Path] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _building: threading.Lock = field(default_factory=threading.Lock)

    @property
    def status(self) -> BuildStatus:
        with self._lock:
            return self._status

    def site(self, version: str) -> Path | None:
        """The unzipped package of `version` from the last good build."""
        with self._lock:
            return self._sites.get(version)

    def rebuild(self) -> BuildStatus:
        """Build every version the module lists; on success, swap the served folders."""
        with self._building:
            number = self.status.number + 1
            started = time.monotonic()
            folder = self.work_dir / f"build-{number}"
            try:
                module, packages, warnings = package_files(self.module_dir, None, cache_dir=self.cache_dir)
                sites = {}
                for version, files in packages.items():
                    sites[version] = folder / "sco" / TARGETS[version].segment
                    _write_site(sites[version], files)
                title = module.config.title
                problems = tuple(str(p) for p in warnings)
            except (ModuleError, PackageError) as failure:
                return self._failed(number, [str(p) for p in failure.problems], started, folder)
            except StceError as failure:
                return self._failed(number, failure.format_message().splitlines(), started, folder)
            except Exception as failure:  # noqa: BLE001 - an internal error must not stop the server
                self.log(traceback.format_exc())
                return self._failed(number, [f"internal error while building: {failure!r}"], started, folder)
            mastery = tuple((version, score) for version, site in sites.items()
                            if (score := _mastery_score(site / "imsmanifest.xml")))
            status = BuildStatus(number, True, problems, tuple(sites), title, time.monotonic() - started, mastery)
            with self._lock:
                previous = set(self._sites.values())
                self._status, self._sites = status, sites
            self._prune(keep={folder} | {p.parent.parent for p in previous})
            self.log(f"build {number}: {', '.join('SCORM ' + v for v in sites)} in {status.seconds:.1f} s")
            return status

    def _failed(self, number: int, problems: list[str], started: float, folder: Path) -> BuildStatus:
        shutil.rmtree(folder, ignore_errors=True)
        with self._lock:
            self._status = BuildStatus(number, False, tuple(problems), self._status.versions, self._status.title,
                                       time.monotonic() - started)
            status = self._status
        self.log(f"build {number} failed; still serving the last good build:\n" + "\n".join(problems))
        return status

    def _prune(self, keep: set[Path]) -> None:
        """Remove older build folders; the one before the newest stays, for a frame still loading from it."""
        for old in self.work_dir.glob("build-*"):
            if old not in keep:
                shutil.rmtree(old, ignore_errors=True)


def _write_site(folder: Path, files: dict[str, bytes]) -> None:
    """A package's files as its unzipped folder: the preview serves them without a zip in between."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _mastery_score(manifest: Path) -> str:
    """The manifest's mastery score (a pass mark the LMS hands the SCO), in the targets that declare one."""
    root = etree.parse(str(manifest))
    found = next((element for target in TARGETS.values() if target.manifest.mastery_score
                  for element in root.iter(target.manifest.mastery_score)), None)
    return (found.text or "").strip() if found is not None else ""

