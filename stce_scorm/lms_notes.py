"""The short note for the LMS administrator, written beside each package.

The LMS records only what its activity settings let it record; this note says which settings
make it record what the module reports. Each target names its template (targets/: `notes_template`),
which extends the shared `lms_notes.txt` with what differs between formats.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from stce_scorm.check.close_request import BEACON_LIMIT, CLOSE_BUDGET, worst_case_close_request
from stce_scorm.player import PlayerContract
from stce_scorm.render.wording import plural_category
from stce_scorm.source.models import Module
from stce_scorm.targets import Target

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    autoescape=False,
)
# "1 failed attempt", "3 failed attempts": the note is in English, its plural forms still come from CLDR.
_TEMPLATES.filters["counted"] = lambda n, one, other: f"{n} {one if plural_category(n, 'en') == 'one' else other}"

REQUIRE_STATUS = {
    "pages_viewed": "Completed",
    "assessment_passed": "Passed",
    "both": "Passed (the module reports passed only after every page is viewed and the assessment passed)",
}


def lms_notes(module: Module, target: Target, package_name: str, player: PlayerContract | None = None) -> str:
    """Plain-text setup advice for one package."""
    tracking = module.config.tracking
    return _TEMPLATES.get_template(target.notes_template).render(
        module=module.config, target=target, package_name=package_name,
        require_status=REQUIRE_STATUS[tracking.completed_when],
        reports_score=bool(module.assessments),
        close=worst_case_close_request(module, target.name, player), budget=CLOSE_BUDGET, beacon_limit=BEACON_LIMIT,
        untranslated=module.untranslated, translated_from=module.translated_from, manifest_id=module.manifest_id,
    )
