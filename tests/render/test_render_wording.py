"""UI words filled in by Babel: the plural form CLDR gives for the count, numbers in the language's way."""

import pytest

from stce_scorm.render.wording import choose, format_number, format_percent_value, phrase

ARABIC_MINUTES = {"zero": "{count} دقيقة", "one": "دقيقة واحدة", "two": "دقيقتان", "few": "{count} دقائق",
                  "many": "{count} دقيقةً", "other": "{count} دقيقة"}


@pytest.mark.parametrize("count, expected", [
    (0, "0 دقيقة"), (1, "دقيقة واحدة"), (2, "دقيقتان"), (3, "3 دقائق"), (10, "10 دقائق"),
    (11, "11 دقيقةً"), (99, "99 دقيقةً"), (100, "100 دقيقة"), (103, "103 دقائق"),
])
def test_arabic_plural_forms_follow_cldr(count, expected):
    assert phrase({"minutes": ARABIC_MINUTES}, "minutes", "ar", count=count) == expected


def test_english_and_french_plural_forms():
    word = {"one": "{count} minute", "other": "{count} minutes"}
    assert [phrase({"m": word}, "m", "en", count=n) for n in (0, 1, 2)] == ["0 minutes", "1 minute", "2 minutes"]
    # French "one" covers 0 and 1 (CLDR: i in 0..1)
    assert [phrase({"m": word}, "m", "fr", count=n) for n in (0, 1, 2)] == ["0 minute", "1 minute", "2 minutes"]


def test_a_missing_category_falls_back_to_other_and_text_words_stay_text():
    assert choose({"one": "a", "other": "b"}, 3, "ar") == "b"
    assert choose("plain {n}", 3, "ar") == "plain {n}"


def test_numbers_and_percentages_are_written_the_language_s_way():
    assert format_percent_value(85.5, "fr") == "85,5\u00a0%"  # CLDR: a non-breaking space before %
    assert format_percent_value(85.5, "en") == "85.5%"
    assert format_percent_value(80, "es") == "80\u00a0%"
    assert format_number(2.5, "fr") == "2,5"
    assert format_number(1540, "fr") == "1540"  # no grouping: an author's 1540 may be a resolution number
    assert phrase({"p": "Pass mark: {score}"}, "p", "pt", score=format_percent_value(70, "pt")) == "Pass mark: 70%"


def test_an_unknown_language_falls_back_to_its_base_then_english():
    assert format_number(2.5, "fr-CA") == "2,5"
    assert format_number(2.5, "xx") == "2.5"


def test_only_plain_placeholders_are_filled():
    """A theme's locale file is an author source: no attribute lookups, and an unknown name stays as written."""
    word = {"w": "{count.__class__} {count[0]} {nope} {count}"}
    assert phrase(word, "w", "en", count=2) == "{count.__class__} {count[0]} {nope} 2"
