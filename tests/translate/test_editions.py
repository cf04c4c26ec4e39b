"""What a package built with --allow-untranslated tells its learners on the first page, in the package's
language: each of the five UI languages has its sentence, and names the source language as that language
does (CLDR's names, by Babel)."""

from __future__ import annotations

import re

import pytest

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
