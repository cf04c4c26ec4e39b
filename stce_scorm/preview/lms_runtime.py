"""The emulated LMS's SCORM runtime: scorm-again, a pinned npm release, fetched once into a user cache.

The project does not ship scorm-again's code. On first preview, the ordinary npm client packs the pinned
release (`npm pack scorm-again@3.4.3`); its tarball must match the pinned sha512 integrity (the same value
as package-lock.json), or nothing is cached (npm_release.py does the fetching for every pinned release).
Only the browser builds the emulator loads are kept.
"""

from __future__ import annotations

from pathlib import Path

from stce_scorm.npm_release import (
    NpmReleaseError, cached_release, extract_members, install_release, integrity_of,
)
from stce_scorm.targets import TARGETS
from stce_scorm.user_cache import default_cache_dir

__all__ = ["LmsRuntimeError", "cached_runtime_dir", "ensure_scorm_again", "has_runtime_files", "install_tarball",
           "integrity_of"]

SCORM_AGAIN_VERSION = "3.4.3"
SCORM_AGAIN_SPEC = f"scorm-again@{SCORM_AGAIN_VERSION}"
# npm's integrity of the published tarball (also in package-lock.json): base64 sha512 of the .tgz bytes.
SCORM_AGAIN_INTEGRITY = (
    "sha512-Zbe+7ArMUbT1lVnqYxsbGRfI9JD9JVqEPzZLQdk0nfNmcDYJ404rMO9nbkQ0Hzwux5uACF9zKsvc29Q/ZzMOdg=="
)
# The browser builds the emulator page loads, one per target; each defines its target's `preview_global`.
RUNTIME_FILES = tuple(target.preview_runtime for target in TARGETS.values())
_LICENSE = "LICENSE"

LmsRuntimeError = NpmReleaseError  # what the preview raises when scorm-again cannot be had


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
    return cached_release(cached_runtime_dir(cache_dir), spec, integrity, SCORM_AGAIN_SPEC, npm=npm,
                          complete=has_runtime_files, stage=_stage_runtime)


def install_tarball(tarball: Path, integrity: str, target: Path, staging: Path) -> None:
    """Verify `tarball` against `integrity`, then move its runtime files into `target` in one rename."""
    install_release(tarball, integrity, SCORM_AGAIN_SPEC, target, staging, complete=has_runtime_files,
                    stage=_stage_runtime)


def _stage_runtime(tarball: Path, staging: Path) -> None:
    """The browser builds and the licence, out of scorm-again's tarball into `staging`."""
    wanted = {f"package/dist/{name}": name for name in RUNTIME_FILES}
    wanted[f"package/{_LICENSE}"] = _LICENSE
    missing = [name for name in extract_members(tarball, wanted, staging) if name != f"package/{_LICENSE}"]
    if missing:
        raise LmsRuntimeError(f"{tarball.name}: not a scorm-again package: {', '.join(missing)} missing")
