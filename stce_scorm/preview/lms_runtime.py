"""The emulated LMS's SCORM runtime: scorm-again, a pinned npm release, fetched once into a user cache.

The project does not ship scorm-again's code. On first preview, the ordinary npm client packs the pinned
release (`npm pack scorm-again@3.4.3`); its tarball must match the pinned sha512 integrity (the same value
as package-lock.json), or nothing is cached. Only the two browser builds the emulator loads are kept.
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
from pathlib import Path

from stce_scorm.pipeline import default_cache_dir
from stce_scorm.errors import StceError
from stce_scorm.targets import TARGETS

SCORM_AGAIN_VERSION = "3.4.3"
SCORM_AGAIN_SPEC = f"scorm-again@{SCORM_AGAIN_VERSION}"
# npm's integrity of the published tarball (also in package-lock.json): base64 sha512 of the .tgz bytes.
SCORM_AGAIN_INTEGRITY = (
    "sha512-Zbe+7ArMUbT1lVnqYxsbGRfI9JD9JVqEPzZLQdk0nfNmcDYJ404rMO9nbkQ0Hzwux5uACF9zKsvc29Q/ZzMOdg=="
)
# The browser builds the emulator page loads, one per target; each defines its target's `preview_global`.
RUNTIME_FILES = tuple(target.preview_runtime for target in TARGETS.values())
_LICENSE = "LICENSE"


class LmsRuntimeError(StceError):
    """scorm-again could not be obtained or failed its integrity check."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message + (f" (hint: {hint})" if hint else ""))


def integrity_of(tarball: Path) -> str:
    """npm's integrity string for a file: `sha512-` and the base64 sha512 of its bytes."""
    digest = hashlib.sha512()
    with open(tarball, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def cached_runtime_dir(cache_dir: Path | None = None) -> Path:
    """Where the verified scorm-again files live: `<cache>/scorm-again-<version>/`."""
    return (cache_dir or default_cache_dir()) / f"scorm-again-{SCORM_AGAIN_VERSION}"


def has_runtime_files(folder: Path) -> bool:
    """True when `folder` holds every browser build the emulator needs."""
    return all((folder / name).is_file() for name in RUNTIME_FILES)


def ensure_scorm_again(cache_dir: Path | None = None, *, spec: str = SCORM_AGAIN_SPEC,
                       integrity: str = SCORM_AGAIN_INTEGRITY, npm: str = "npm") -> Path:
    """The folder with scorm-again's browser builds, packing and verifying the pinned release on first use.

    `spec` is anything `npm pack` accepts (tests pass a local folder or tarball); `integrity` is what its
    tarball must hash to. A mismatch raises LmsRuntimeError and caches nothing.
    """
    target = cached_runtime_dir(cache_dir)
    if has_runtime_files(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".scorm-again-", dir=target.parent) as work:
        tarball = _npm_pack(spec, Path(work), npm)
        install_tarball(tarball, integrity, target, Path(work) / "staging")
    return target


def install_tarball(tarball: Path, integrity: str, target: Path, staging: Path) -> None:
    """Verify `tarball` against `integrity`, then move its runtime files into `target` in one rename."""
    found = integrity_of(tarball)
    if found != integrity:
        raise LmsRuntimeError(
            f"{tarball.name}: integrity mismatch: expected {integrity}, got {found}; nothing was cached",
            f"the pinned release of scorm-again is {SCORM_AGAIN_SPEC}; check your npm configuration")
    staging.mkdir(parents=True)
    wanted = {f"package/dist/{name}": name for name in RUNTIME_FILES}
    wanted[f"package/{_LICENSE}"] = _LICENSE
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            members = [m for m in archive.getmembers() if m.name in wanted]
            missing = sorted(set(wanted) - {m.name for m in members} - {f"package/{_LICENSE}"})
            if missing:
                raise LmsRuntimeError(f"{tarball.name}: not a scorm-again package: {', '.join(missing)} missing")
            for member in members:
                if not member.isfile():
                    raise LmsRuntimeError(f"{tarball.name}: {member.name} is not a regular file")
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(staging / "x", members=members, filter="data")
    except (tarfile.TarError, OSError) as problem:
        raise LmsRuntimeError(f"{tarball.name}: cannot read the package: {problem}") from problem
    for member_name, name in wanted.items():
        source = staging / "x" / member_name
        if source.is_file():
            shutil.copyfile(source, staging / name)
    shutil.rmtree(staging / "x")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staging, target)
    except OSError:
        # Another preview cached the same release meanwhile: keep theirs if it is complete.
        if not has_runtime_files(target):
            raise


def _npm_pack(spec: str, destination: Path, npm: str) -> Path:
    """Run the ordinary npm client to fetch one package's tarball into `destination`."""
    command = [npm, "pack", spec, "--pack-destination", str(destination), "--json", "--ignore-scripts"]
    try:
        done = subprocess.run(command, cwd=destination, capture_output=True, text=True, timeout=300)
    except FileNotFoundError as problem:
        raise LmsRuntimeError("the preview needs npm to fetch scorm-again, and npm was not found",
                              "install Node.js and npm, or pass the scorm-again dist folder") from problem
    except subprocess.TimeoutExpired as problem:
        raise LmsRuntimeError(f"npm pack {spec} took too long") from problem
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip() and "complete log" not in line]
        raise LmsRuntimeError(f"npm pack {spec} failed: {' / '.join(lines[:3]) or 'no message'}",
                              "the first preview needs npm's registry once; later ones use the cache")
    try:
        filename = json.loads(done.stdout)[0]["filename"]
    except (ValueError, LookupError, TypeError):
        tarballs = sorted(destination.glob("*.tgz"))
        if len(tarballs) != 1:
            raise LmsRuntimeError(f"npm pack {spec} wrote no tarball") from None
        return tarballs[0]
    # npm names scoped packages' tarballs without the "@" and with "-" for "/"; trust only a plain name.
    tarball = destination / Path(filename).name
    if not tarball.is_file():
        raise LmsRuntimeError(f"npm pack {spec} wrote no tarball")
    return tarball
