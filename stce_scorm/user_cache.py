"""The user's cache for stce-scorm: processed images, compiled templates and pinned npm releases live there,
outside every output folder, so a failed build writes nothing a person or an LMS would read."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "STCE_SCORM_CACHE"


def default_cache_dir() -> Path:
    """`$STCE_SCORM_CACHE`, else `stce-scorm` in the XDG cache (`~/.cache` when XDG_CACHE_HOME is unset)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "stce-scorm"
