"""Shared test data of tests/scorm: the example module's path, package content, zip builders."""

from __future__ import annotations

import zipfile
from pathlib import Path

from stce_scorm.targets import target_for
from stce_scorm.scorm.schemas import REPO_ROOT
from stce_scorm.source.models import Module

EXAMPLE = REPO_ROOT / "examples" / "dual_use_basics"
SHARED_LAYOUT = {"scorm12edition": "scorm12", "scorm20044thedition": "scorm2004-4th"}
GOLDEN = Path(__file__).parent / "golden"

# The files of a small package besides the manifest; enough to exercise listing and lint.
CONTENT: dict[str, bytes] = {
    "index.html": (b'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
                   b'<link rel="stylesheet" href="assets/theme.css">\n'
                   b'<script src="assets/player.js"></script></head>\n'
                   b'<body><a href="https://www.wcoomd.org/">WCO</a>\n'
                   b'<svg xmlns="http://www.w3.org/2000/svg"></svg></body></html>\n'),
    "assets/player.js": b"var api = null;\n",
    "assets/theme.css": b"body { background: url(../media/bg.svg); }\n",
    "media/bg.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>\n',
}


def build_files(module: Module, version: str, content: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """A complete package's files: `content` (default CONTENT) plus its manifest."""
    files = dict(CONTENT if content is None else content)
    files["imsmanifest.xml"] = target_for(version).build_manifest(module, sorted(files))
    return files


def raw_zip(path: Path, entries: dict[str, bytes]) -> Path:
    """A zip written as given, without write_package's safety checks, to hold defects."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return path


