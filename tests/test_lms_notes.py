"""The administrator's note: what the package reports after a failed assessment, per SCORM version; the
setting labels of Moodle 4.3+ and Totara's where they differ; how to update a module keeping learners' records."""

from __future__ import annotations

import re

import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.lms_notes import lms_notes, note_languages, note_words
from stce_scorm.render.wording import plural_categories
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


def test_one_failed_attempt_is_singular(minimal_copy):
    """A module with one allowed attempt: "after 1 failed attempt", not "1 failed attempts" (CLDR, by Babel)."""
    minimal_copy.edit("quizzes/final.yaml", "attempts: 3", "attempts: 1")
    module, _ = load_module(minimal_copy.path)
    note = " ".join(lms_notes(module, TARGETS["2004"], "x.zip").split())
    assert "(after 1 failed attempt)" in note or "(after 1 failed attempt;" in note, note
    assert "1 failed attempts" not in note


# The note in the package's language: the layout is written once (templates/lms_notes*.txt), the words
# per language (templates/lms_notes/<language>.yaml).

@pytest.fixture(scope="module")
def french_wmd():
    """The WMD module in French, as `build --lang fr` makes it (its translations/fr.po is complete)."""
    from repo_paths import WMD_MODULE
    from stce_scorm.translate.editions import editions

    module, _ = load_module(WMD_MODULE)
    (french,), problems = editions(module, ["fr"], allow_untranslated=False)
    assert not [p for p in problems if p.severity == "error"], problems
    return french


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_french_wmd_note_is_in_french(french_wmd, version):
    note = lms_notes(french_wmd, TARGETS[version], "x.zip")
    assert note.startswith(french_wmd.config.title + "\n")
    assert f"Paquetage {TARGETS[version].title}, version 1.0.0-rc.1 du module, langue fr." in note
    assert "Réglages pour l’administrateur de la plateforme" in note
    assert "«\u00a0Affichage du paquetage\u00a0» (Display package)\u00a0: «\u00a0Fenêtre courante\u00a0» (Current window)" in note
    assert "«\u00a0Conditions d’achèvement\u00a0» (Completion conditions)" in note
    assert "Ne supprimez jamais l’activité pour en créer une nouvelle" in note
    assert "c’est «\u00a0wmd_emerging_tech_fr\u00a0», tiré de\n  l’identifiant du module «\u00a0wmd_emerging_tech\u00a0» et de la langue «\u00a0fr\u00a0»" in note
    assert "Durée d’apprentissage habituelle\u00a0: 109 minutes." in note
    for english in ("Settings for the LMS administrator", "Never delete", "Typical learning time", "This note is in English"):
        assert english not in note


def test_the_french_note_writes_sizes_and_plurals_the_french_way(french_wmd):
    """Decimal comma and Ko by Babel; CLDR plural forms for French (1 tentative échouée, 3 tentatives échouées)."""
    note = " ".join(lms_notes(french_wmd, TARGETS["2004"], "x.zip").split())
    assert re.search(r"cet envoi peut atteindre \d+,\d Ko \(après 3 tentatives échouées\)", note), note
    french_wmd = french_wmd.model_copy(deep=True)
    for assessment in french_wmd.assessments:
        assessment.attempts = 1
    note = " ".join(lms_notes(french_wmd, TARGETS["2004"], "x.zip").split())
    assert "(après 1 tentative échouée)" in note, note


def test_a_french_note_of_a_partial_translation_says_so_in_french(french_wmd):
    partial = french_wmd.model_copy(update={"untranslated": 2})
    note = lms_notes(partial, TARGETS["1.2"], "x.zip")
    assert note.splitlines()[3] == ("TRADUCTION INCOMPLÈTE\u00a0: paquetage construit avec --allow-untranslated\u202f; "
                                    "2 textes sont encore dans la")


def test_a_language_without_a_note_gets_the_english_one_and_a_line_saying_so():
    spanish = MODULE.model_copy(deep=True)
    spanish.config.language = "es"
    note = lms_notes(spanish, TARGETS["1.2"], "x.zip")
    assert note.splitlines()[2:4] == [
        "SCORM 1.2 package, module version 1.0.0, language es.",
        "This note is in English: there is no 'es' version of it yet.",
    ]
    assert "Settings for the LMS administrator" in note


def test_the_english_note_has_no_line_about_its_language():
    assert "This note is in English" not in lms_notes(MODULE, TARGETS["1.2"], "x.zip")


@pytest.mark.parametrize("language", [code for code in note_languages() if code != "en"])
def test_each_language_of_the_note_has_every_paragraph_with_the_same_placeholders(language):
    """A paragraph missing in a language would fail the build of its packages; a placeholder lost would drop a figure."""
    english, other = note_words("en"), note_words(language)
    assert set(other) == set(english) - {"no_translation_of_note"}  # only an English note says it is English
    for key, word in english.items():
        if key in other:
            assert _placeholders(other[key]) == _placeholders(word), key
            if isinstance(other[key], dict):
                assert "other" in other[key] and set(other[key]) <= plural_categories(language), key


def _placeholders(word) -> set[str]:
    texts = word.values() if isinstance(word, dict) else [word]
    return {name for text in texts for name in re.findall(r"\{(\w+)\}", text)}


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_french_note_follows_french_typography(french_wmd, version):
    """terminology-fr.md section 7, as the French player words do: a no-break space before : ; ? ! and inside
    « », never an ordinary one (it may break the line there), and the typographic apostrophe."""
    note = lms_notes(french_wmd.model_copy(update={"untranslated": 2}), TARGETS[version], "x.zip")
    assert not re.findall(r".{12} [:;?!»].{0,8}|«  ?\S.{10}", note), "ordinary space"
    assert not re.findall(r".{12}[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ].{8}", note), "use the typographic apostrophe ’"
    assert "TRADUCTION INCOMPLÈTE\u00a0:" in note and "«\u00a0Paquetage SCORM\u00a0»" in note
