"""The administrator's note: what the package reports after a failed assessment, per SCORM version; the
setting labels of Moodle 4.3+ and Totara's where they differ; how to update a module keeping learners' records."""

from __future__ import annotations

import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.lms_notes import lms_notes
from stce_scorm.targets import TARGETS

MODULE, _ = load_module(EXAMPLE_MODULE)


def test_scorm12_note_says_failed_comes_after_the_last_attempt():
    note = lms_notes(MODULE, TARGETS["1.2"], "x.zip")
    assert 'A failed attempt is reported as "incomplete" while attempts remain;' in note
    assert 'once the learner has failed the last allowed attempt, the package reports "failed".' in note


def test_scorm2004_note_says_a_failed_attempt_sets_success_failed():
    note = lms_notes(MODULE, TARGETS["2004"], "x.zip")
    assert 'A failed attempt sets success_status "failed" (completion stays "incomplete"' in note


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_note_names_moodle_4_3_settings_and_totara_differences(version):
    note = lms_notes(MODULE, TARGETS[version], "x.zip")
    assert 'Completion conditions: "Add requirements", then tick "Require status"' in note
    assert '(Totara: Completion tracking "Show activity as complete when conditions are met"' in note
    assert "Student skip content structure page: Always" in note
    assert '(Totara: "Learner skip content structure page": Always.)' in note
    assert "Display course structure in player: Disabled" in note
    assert "replace the package file in the existing activity" in note
    assert "Never delete the activity and add a new one" in note


def test_one_failed_attempt_is_singular(example_copy):
    """A module with one allowed attempt: "after 1 failed attempt", not "1 failed attempts" (CLDR, by Babel)."""
    example_copy.edit("quizzes/final.yaml", "attempts: 3", "attempts: 1")
    module, _ = load_module(example_copy.path)
    note = " ".join(lms_notes(module, TARGETS["2004"], "x.zip").split())
    assert "(after 1 failed attempt)" in note or "(after 1 failed attempt;" in note, note
    assert "1 failed attempts" not in note
