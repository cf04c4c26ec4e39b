"""Packaging and verification: the deterministic zip, the official schemas, package validation.

What differs between output formats (manifests, limits, schema tables) is declared by the targets
(stce_scorm/targets/); this package applies it to any of them.
"""

from stce_scorm.scorm.package import package_file_name, write_package
from stce_scorm.scorm.schemas import find_schema_dir, schema_problems
from stce_scorm.scorm.validate import ValidationReport, validate_package

__all__ = [
    "ValidationReport",
    "find_schema_dir",
    "package_file_name",
    "schema_problems",
    "validate_package",
    "write_package",
]
