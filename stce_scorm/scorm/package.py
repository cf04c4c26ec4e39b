"""The package zip: deterministic bytes, written atomically.

Same files in, same bytes out: sorted entries (imsmanifest.xml first, where LMSs and people look),
a fixed timestamp, fixed permissions and a fixed creator system. The zip is written next to its
destination and renamed over it, so a failed build never leaves half a package (STYLE rule 1).
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from stce_scorm.errors import PackageError, SourcePos, error
from stce_scorm.source.models import Module
from stce_scorm.targets import Target

MANIFEST = "imsmanifest.xml"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no wall-clock value leaks in
FILE_MODE = 0o644 << 16
CREATE_SYSTEM_UNIX = 3  # so the mode bits above mean what they say, whatever OS builds the package
UTF8_FLAG = 0x800
SAFE_NAME = re.compile(r"[^a-z0-9._-]+")


class _Utf8ZipInfo(zipfile.ZipInfo):
    """A ZipInfo that always sets the UTF-8 name flag (zipfile sets it only for non-ASCII names)."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own name
        return self.filename.encode("utf-8"), self.flag_bits | UTF8_FLAG


def entry_order(name: str) -> tuple[int, str]:
    """Sort key of package entries: the manifest first, then every other path in code-point order."""
    return (0 if name == MANIFEST else 1, name)


def _name_problems(names: list[str], dest: Path) -> list:
    problems = []
    for name in names:
        parts = name.split("/")
        if (not name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name)
                or any(part in ("", ".", "..") for part in parts)):
            problems.append(error(
                SourcePos(f"{dest}!{name}"), f"unsafe package path {name!r}",
                hint="use relative paths with forward slashes, without '.', '..' or empty segments",
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
    fd, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            with zipfile.ZipFile(stream, "w") as archive:
                for name in names:
                    data = files[name]
                    if not isinstance(data, (bytes, bytearray)):
                        raise TypeError(f"{name}: package content must be bytes, not {type(data).__name__}")
                    info = _Utf8ZipInfo(name, date_time=ZIP_EPOCH)
                    info.external_attr = FILE_MODE
                    info.create_system = CREATE_SYSTEM_UNIX
                    archive.writestr(info, bytes(data), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes 0600 files; a package is meant to be shared
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return dest


def package_file_name(module: Module, target: Target) -> str:
    """The package's file name, e.g. 'wmd_emerging_tech-1.0.0-en-scorm12.zip' (only [a-z0-9._-])."""
    config = module.config
    stem = f"{config.id}-{config.version}-{config.language}-{target.suffix}".lower()
    return SAFE_NAME.sub("-", stem) + ".zip"
