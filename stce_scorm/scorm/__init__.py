"""SCORM packaging: manifests per version, the deterministic zip, and package validation."""

from stce_scorm.scorm.formats import FORMATS, Scorm12, Scorm2004, ScormFormat, format_for
from stce_scorm.scorm.package import package_file_name, write_package
from stce_scorm.scorm.schemas import find_schema_dir, schema_problems
from stce_scorm.scorm.validate import ValidationReport, validate_package

__all__ = [
    "FORMATS",
    "Scorm12",
    "Scorm2004",
    "ScormFormat",
    "ValidationReport",
    "find_schema_dir",
    "format_for",
    "package_file_name",
    "schema_problems",
    "validate_package",
    "write_package",
]
