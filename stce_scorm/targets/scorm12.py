"""SCORM 1.2: the default target, and the only version the Moodle app plays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stce_scorm.targets import DataModel, ManifestRules, Target

if TYPE_CHECKING:
    from stce_scorm.source.models import Module

LONGEST_TIME = "9999:59:59.99"  # CMITimespan, HHHH:MM:SS.SS


class Scorm12(Target):
    """SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2): 4,096 characters of state, terse interaction records."""

    name = "1.2"
    label = "SCORM 1.2"
    title = "SCORM 1.2"
    suffix = "scorm12"
    segment = "12"
    tracker_files = ("scorm-api.js", "scorm12.js")  # what both SCORM trackers share, then this version's adapter
    api_name = "API"
    suspend_data_limit = 4096
    response_limit = 255  # student_response is a CMIString256 (Moodle in standards mode)
    choice_limit = None
    data_model = DataModel(
        core={"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "99.99", "cmi.core.score.min": "0",
              "cmi.core.score.max": "100", "cmi.core.exit": "suspend", "cmi.core.session_time": LONGEST_TIME,
              "cmi.core.total_time": LONGEST_TIME},
        location="cmi.core.lesson_location", response="student_response", wrong="wrong",
        time=("time", "23:59:59"), latency=LONGEST_TIME, item=",", pair=".", range=None,
        true_false=("t", "f"), case_matters="", describes_interactions=False, objective={"status": "failed"},
    )
    manifest = ManifestRules(
        content_packaging="http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2",
        sco_attribute="scormtype",
        schema_version=re.compile(r"^\s*1\.2\s*$"),
        schema_folders=("scorm12edition", "scorm12"),
        schema_files={
            "http://www.w3.org/XML/1998/namespace": "ims_xml.xsd",
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
        },
        mastery_score="{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore",
    )
    notes_template = "lms_notes_scorm12.txt"
    preview_runtime = "scorm12.min.js"
    preview_global = "Scorm12API"
    preview_lms = {
        "methods": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                    "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
        "rejectCode": "101",  # what Moodle's 1.2 API answers for a value it refuses
        "elements": {"exit": "cmi.core.exit", "entry": "cmi.core.entry", "learnerId": "cmi.core.student_id",
                     "learnerName": "cmi.core.student_name", "credit": "cmi.core.credit",
                     "mode": "cmi.core.lesson_mode", "mastery": "cmi.student_data.mastery_score",
                     "status": "cmi.core.lesson_status", "sessionTime": "cmi.core.session_time",
                     "response": data_model.response, "time": data_model.time[0]},
        "resumeExits": ["suspend"],  # Moodle's scorm_12lib.php get_scorm_default
        # Moodle's LMSFinish (scorm_12.js StoreData) stores a status still "not attempted" as "completed".
        "finishStatus": {"not attempted": "completed"},
    }

    def build_manifest(self, module: Module, files: list[str]) -> bytes:
        """The SCORM 1.2 imsmanifest.xml of `module`."""
        from stce_scorm.targets import manifest_12

        return manifest_12.build_manifest(module, files)
