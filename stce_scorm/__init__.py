"""stce-scorm: compile declarative lessons and quizzes into SCORM 1.2 and SCORM 2004 packages.

The public API is what this module exports; the CLI calls nothing else. Names are imported on first
use (PEP 562), so `stce-scorm --version` does not pay for loading the whole pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stce_scorm.check import check_module
    from stce_scorm.errors import ModuleError, PackageError, Problem, SourcePos, StceError
    from stce_scorm.pipeline import BuildResult, build, load_and_check
    from stce_scorm.scorm.validate import validate_package
    from stce_scorm.source.loader import load_module

_HOMES = {
    "BuildResult": "stce_scorm.pipeline", "build": "stce_scorm.pipeline",
    "load_and_check": "stce_scorm.pipeline", "check_module": "stce_scorm.check",
    "ModuleError": "stce_scorm.errors", "PackageError": "stce_scorm.errors", "Problem": "stce_scorm.errors",
    "SourcePos": "stce_scorm.errors", "StceError": "stce_scorm.errors",
    "validate_package": "stce_scorm.scorm.validate", "load_module": "stce_scorm.source.loader",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'stce_scorm' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
