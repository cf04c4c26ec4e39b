"""What the LMS stand-in must know of each SCORM version, asked of the output targets (the one place that
names a version): API name, state element and limit, scorm-again build and class, and `preview_lms` (the API's
methods, the error code of a refused value, the elements set at launch or kept per session, the exits that make
the next launch a resume, the statuses Finish rewrites), and the inspector's fields (derived from the target's
data model: `Target.inspected_elements`). The page scripts read this as JSON (`/lms/versions.json`), never a
copy, and act on these facts without naming a version themselves (tests/test_architecture.py)."""

from __future__ import annotations

from typing import Any

from stce_scorm.targets import TARGETS


def lms_versions() -> dict[str, dict[str, Any]]:
    """Per SCORM version: API name, suspend_data element and limit, scorm-again build and global, API methods,
    elements, when a launch resumes, what Finish rewrites."""
    return {name: {"apiName": target.api_name, "suspendData": target.data_model.suspend_data,
                   "suspendDataLimit": target.suspend_data_limit,
                   "runtime": target.preview_runtime, "runtimeGlobal": target.preview_global, **target.preview_lms,
                   "fields": target.inspected_elements()}
            for name, target in TARGETS.items()}


RUNTIME_FILES = tuple(target.preview_runtime for target in TARGETS.values())
