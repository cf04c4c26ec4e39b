"""The package zip: deterministic bytes, written atomically.

Same files in, same bytes out: sorted entries (imsmanifest.xml first, where LMSs and people look),
a fixed timestamp, fixed permissions and a fixed creator system. Text is deflated; files in formats
that are compressed already (photos, fonts, video, PDF) are stored as they are. Entry names are ASCII (the validator
wants [a-z0-9._-]), so every unzip tool reads them alike and no name-encoding flag is needed. The zip
is written atomically (atomic_write.py), so a failed build never leaves half a package (STYLE rule 1).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from stce_scorm.atomic_write import atomic_file
from stce_scorm.errors import PackageError, SourcePos, error
from stce_scorm.source.models import Module
from stce_scorm.targets import Target

MANIFEST = "imsmanifest.xml"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no wall-clock value leaks in
FILE_MODE = 0o644 << 16
CREATE_SYSTEM_UNIX = 3  # so the mode bits above mean what they say, whatever OS builds the package
SAFE_NAME = re.compile(r"[^a-z0-9._-]+")
# Formats compressed already: deflating them again took a sixth of a 1,000-page module's build (its photos)
# and saved under 2% of their bytes. Stored entries (method 0) are the plainest a zip holds: every unzip tool
# reads them, Moodle and Totara among them (PHP's ZipArchive unpacks an uploaded package).
STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".woff", ".woff2", ".mp3", ".m4a", ".mp4", ".webm",
                   ".pdf")


def entry_order(name: str) -> tuple[int, str]:
    """Sort key of package entries: the manifest first, then every other path in code-point order."""
    return (0 if name == MANIFEST else 1, name)


def _name_problems(names: list[str], dest: Path) -> list:
    problems = []
    for name in names:
        parts = name.split("/")
        if (not name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name)
                or any(part in ("", ".", "..") for part in parts) or not name.isascii()):
            problems.append(error(
                SourcePos(f"{dest}!{name}"), f"unsafe package path {name!r}",
                hint="use relative ASCII paths with forward slashes, without '.', '..' or empty segments",
                key="package"))
    return problems


def write_package(files: dict[str, bytes], dest: Path) -> Path:
    """Write `files` (package path -> bytes) as a deterministic zip at `dest`, atomically."""
    dest = Path(dest)
    names = sorted(files, key=entry_order)
    problems = _name_problems(names, dest)
    if problems:
        raise PackageError(dest, problems)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(dest, durable=True) as stream, zipfile.ZipFile(stream, "w") as archive:
        for name in names:
            data = files[name]
            if not isinstance(data, (bytes, bytearray)):
                raise TypeError(f"{name}: package content must be bytes, not {type(data).__name__}")
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.external_attr = FILE_MODE
            info.create_system = CREATE_SYSTEM_UNIX
            archive.writestr(info, bytes(data), compress_type=compression(name), compresslevel=9)
    return dest


def compression(name: str) -> int:
    """How a package entry is compressed: stored if its format is compressed already, else deflated."""
    return zipfile.ZIP_STORED if name.lower().endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED


def package_file_name(module: Module, target: Target) -> str:
    """The package's file name, e.g. 'wmd_emerging_tech-1.0.0-en-scorm12.zip' (only [a-z0-9._-])."""
    config = module.config
    stem = f"{config.id}-{config.version}-{config.language}-{target.suffix}".lower()
    return SAFE_NAME.sub("-", stem) + ".zip"
