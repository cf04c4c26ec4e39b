"""Item analysis from what an LMS recorded: read an interactions export, compute statistics, write a report."""

from stce_scorm.report.analysis import ItemStats, ObjectiveMastery, analyse
from stce_scorm.report.readers import READERS, read_export
from stce_scorm.report.write import write_report

__all__ = ["ItemStats", "ObjectiveMastery", "READERS", "analyse", "read_export", "write_report"]
