"""What a package built with --allow-untranslated tells its learners on the first page, in the package's
language: each of the five UI languages has its sentence, and names the source language as that language
does (CLDR's names, by Babel)."""

from __future__ import annotations

import re

import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm.source.loader import load_module
from stce_scorm.targets import target_for
from stce_scorm.translate import Catalog, apply_translation
from stce_scorm.translate.editions import untranslated_notice

SAID = {"en": "shown in French", "fr": "affichées en anglais", "es": "en inglés", "pt": "em inglês",
        "ar": "الإنجليزية"}


@pytest.mark.parametrize("language", sorted(SAID))
def test_the_notice_is_in_the_package_s_language_and_names_the_source_language(language):
    source = "fr" if language == "en" else "en"
    notice = untranslated_notice(language, source)
    assert SAID[language] in notice
    if language != "en":
        assert notice != untranslated_notice("en", source)


def test_a_regional_tag_takes_its_language_s_sentence():
    assert untranslated_notice("pt-BR", "en") == untranslated_notice("pt", "en")


def test_the_french_notice_follows_french_typography():
    notice = untranslated_notice("fr", "en")
    assert not re.search(r" [:;?!»]", notice) and "\u00a0:" in notice


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_translation_keeps_its_own_lms_identifiers_from_one_version_of_the_module_to_the_next(version):
    """Updating the French package in the LMS must keep French learners' records: its identifiers are the
    module's id and its language, never its version, and never the English package's."""
    source, _ = load_module(EXAMPLE_MODULE)
    found = {}
    for release in ("1.0.0", "1.1.0"):
        module = source.model_copy(deep=True)
        module.config.version = release
        for language, edition in (("en", module), ("fr", apply_translation(module, Catalog("fr")))):
            manifest = target_for(version).build_manifest(edition, ["index.html"])
            found[language, release] = sorted(set(re.findall(rb'identifier(?:ref)?="([^"]+)"', manifest)))
    assert found["fr", "1.0.0"] == found["fr", "1.1.0"]
    assert b"dual_use_basics_fr" in found["fr", "1.0.0"] and b"ITEM-dual_use_basics_fr" in found["fr", "1.0.0"]
    assert not set(found["fr", "1.0.0"]) & set(found["en", "1.0.0"])
