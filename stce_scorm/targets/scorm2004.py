"""SCORM 2004 4th edition, without sequencing: room for state, richer interaction reports."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stce_scorm.targets import DataModel, ManifestRules, Target

if TYPE_CHECKING:
    from stce_scorm.source.models import Module

LONGEST_DURATION = "PT9999H59M59.99S"  # ISO 8601 duration, at most 2 decimals


class Scorm2004(Target):
    """SCORM 2004 4th edition (IMS CP 1.1.4 + ADL CP 1.3): 64,000 characters of state, described interactions."""

    name = "2004"
    label = "SCORM 2004"
    title = "SCORM 2004 4th Edition"
    suffix = "scorm2004"
    segment = "2004"
    tracker_files = ("scorm-api.js", "scorm2004.js")  # what both SCORM trackers share, then this version's adapter
    api_name = "API_1484_11"
    suspend_data_limit = 64000
    response_limit = None
    choice_limit = 36  # a choice response holds at most 36 answers (Moodle answers 351 beyond)
    data_model = DataModel(
        core={"cmi.completion_status": "incomplete", "cmi.success_status": "unknown", "cmi.progress_measure": "0.99",
              "cmi.score.raw": "99.99", "cmi.score.min": "0", "cmi.score.max": "100", "cmi.score.scaled": "0.9999",
              "cmi.exit": "suspend", "cmi.session_time": LONGEST_DURATION, "cmi.total_time": LONGEST_DURATION},
        location="cmi.location", response="learner_response", wrong="incorrect",
        time=("timestamp", "2026-12-31T23:59:59.99Z"), latency=LONGEST_DURATION, item="[,]", pair="[.]", range="[:]",
        true_false=("true", "false"), case_matters="{case_matters=true}", describes_interactions=True,
        objective={"score.scaled": "0.9999", "success_status": "failed", "completion_status": "completed"},
    )
    manifest = ManifestRules(
        content_packaging="http://www.imsglobal.org/xsd/imscp_v1p1",
        adlcp="http://www.adlnet.org/xsd/adlcp_v1p3",
        sco_attribute="scormType",
        schema_version=re.compile(r"2004|CAM 1\.3"),
        schema_folders=("scorm20044thedition", "scorm2004-4th"),
        schema_files={
            "http://www.w3.org/XML/1998/namespace": "xml.xsd",
            "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
            "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
            "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
        },
    )
    notes_template = "lms_notes_scorm2004.txt"
    preview_runtime = "scorm2004.min.js"
    preview_global = "Scorm2004API"
    preview_lms = {
        "methods": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
                    "GetLastError", "GetErrorString", "GetDiagnostic"],
        "rejectCode": "351",
        "elements": {"exit": "cmi.exit", "entry": "cmi.entry", "learnerId": "cmi.learner_id",
                     "learnerName": "cmi.learner_name", "credit": "cmi.credit", "mode": "cmi.mode",
                     "passing": "cmi.scaled_passing_score", "sessionTime": "cmi.session_time",
                     "response": data_model.response, "time": data_model.time[0]},
        "resumeExits": ["suspend", "logout"],
        "finishStatus": {},
    }

    def build_manifest(self, module: Module, files: list[str]) -> bytes:
        """The SCORM 2004 4th edition imsmanifest.xml of `module`."""
        from stce_scorm.targets import manifest_2004

        return manifest_2004.build_manifest(module, files)
