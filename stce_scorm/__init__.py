"""stce-scorm: compile declarative lessons and quizzes into SCORM 1.2 and SCORM 2004 packages.

The public API is what this module exports; the CLI calls nothing else.
"""

from stce_scorm.build import BuildResult, build, load_and_check
from stce_scorm.check import check_module
from stce_scorm.errors import ModuleError, PackageError, Problem, SourcePos, StceError
from stce_scorm.scorm.validate import validate_package
from stce_scorm.source.loader import load_module

__all__ = [
    "BuildResult", "ModuleError", "PackageError", "Problem", "SourcePos", "StceError",
    "build", "check_module", "load_and_check", "load_module", "validate_package",
]
