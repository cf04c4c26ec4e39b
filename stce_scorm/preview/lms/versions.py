"""What the LMS stand-in must know of each SCORM version, asked of the output targets (the one place that
names a version): API name, state limit, scorm-again build and class, and `preview_lms` (the API's methods,
the error code of a refused value, the elements set at launch), and the inspector's fields (derived from the
target's data model: `Target.inspected_elements`). The page scripts
read this as JSON (`/lms/versions.json`), never a copy."""

from __future__ import annotations

from typing import Any

from stce_scorm.targets import TARGETS


def lms_versions() -> dict[str, dict[str, Any]]:
    """Per SCORM version: API name, suspend_data limit, scorm-again build and global, API methods, elements."""
    return {name: {"apiName": target.api_name, "suspendDataLimit": target.suspend_data_limit,
                   "runtime": target.preview_runtime, "runtimeGlobal": target.preview_global, **target.preview_lms,
                   "fields": target.inspected_elements()}
            for name, target in TARGETS.items()}


RUNTIME_FILES = tuple(target.preview_runtime for target in TARGETS.values())
