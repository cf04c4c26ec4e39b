"""Every language file of the base theme translates every word the English one defines, with the same
placeholders, and gives each plural word the plural forms CLDR lists for its language."""

import re
import string
from pathlib import Path

import pytest
import yaml

from stce_scorm.render.theme import _locale_words
from stce_scorm.render.wording import plural_categories

LOCALES = Path(__file__).resolve().parents[2] / "themes" / "base" / "locale"
LANGUAGES = ["en", "fr", "es", "pt", "ar"]


def catalog(language: str) -> dict:
    return yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))


def forms(word) -> list[str]:
    return list(word.values()) if isinstance(word, dict) else [word]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_base_theme_has_the_five_languages():
    assert sorted(path.stem for path in LOCALES.glob("*.yaml")) == sorted(LANGUAGES)
    assert len(catalog("en")) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_locale_has_every_key_and_loads_without_problems(language):
    english, words = catalog("en"), catalog(language)
    assert sorted(set(english) - set(words)) == [], "missing"
    assert sorted(set(words) - set(english)) == [], "not in en.yaml"
    assert all(text.strip() for word in words.values() for text in forms(word))
    assert _locale_words(LOCALES / f"{language}.yaml")[1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_locale_keeps_the_placeholders(language):
    english, words = catalog("en"), catalog(language)
    for key, word in words.items():
        wanted = set().union(*(placeholders(text) for text in forms(english[key])))
        given = [placeholders(text) for text in forms(word)]
        assert all(names <= wanted for names in given), (key, given, wanted)
        # A plural form may spell its number out ("سؤال واحد"); together the forms use every placeholder.
        assert set().union(*given) == wanted, (key, given, wanted)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_words_have_the_forms_of_their_language(language):
    english, words = catalog("en"), catalog(language)
    plural_keys = {key for key, word in english.items() if isinstance(word, dict)}
    assert {"answer_all", "time_limit", "storyboard_minutes", "workshop_poll_count"} <= plural_keys
    for key in plural_keys:
        assert isinstance(words[key], dict), key
        assert set(words[key]) == plural_categories(language), (key, sorted(words[key]))
        assert all("count" in placeholders(text) or category in ("zero", "one", "two")
                   for category, text in words[key].items()), key
    assert {key for key, word in words.items() if isinstance(word, dict)} == plural_keys


def test_arabic_has_six_plural_forms_and_french_three():
    assert plural_categories("ar") == {"zero", "one", "two", "few", "many", "other"}
    assert plural_categories("fr") == {"one", "many", "other"}
    assert plural_categories("en") == {"one", "other"}


def test_french_typography_puts_a_non_breaking_space_before_double_punctuation():
    """terminology-fr.md section 7: U+00A0 before a colon, U+202F before ; ? !, never an ordinary space."""
    for key, word in catalog("fr").items():
        for text in forms(word):
            assert not re.search(r" [:;?!]", text), (key, text)
            assert not re.search(r"\w'", text), (key, "use the typographic apostrophe ’")
