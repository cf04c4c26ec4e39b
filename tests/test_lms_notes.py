"""The administrator's note says what the package reports after a failed assessment, per SCORM version."""

from __future__ import annotations

from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.lms_notes import lms_notes
from stce_scorm.scorm.formats import FORMATS

MODULE, _ = load_module(EXAMPLE_MODULE)


def test_scorm12_note_says_failed_comes_after_the_last_attempt():
    note = lms_notes(MODULE, FORMATS["1.2"], "x.zip")
    assert 'A failed attempt is reported as "incomplete" while attempts remain;' in note
    assert 'once the learner has failed the last allowed attempt, the package reports "failed".' in note


def test_scorm2004_note_says_a_failed_attempt_sets_success_failed():
    note = lms_notes(MODULE, FORMATS["2004"], "x.zip")
    assert 'A failed attempt sets success_status "failed" (completion stays "incomplete"' in note
