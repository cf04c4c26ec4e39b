"""The player's words in real Chromium (runtime/wording.js): Intl picks the same plural forms as Babel does at
build time, and writes numbers, percentages and the time left the language's way; text values are isolated."""

from __future__ import annotations

import pytest

from learner import ui_words
from repo_paths import REPO
from stce_scorm.render.wording import format_number, format_percent_value, phrase, plural_categories

WORDING_JS = (REPO / "stce_scorm" / "runtime" / "wording.js").read_text(encoding="utf-8")
LANGUAGES = ["en", "fr", "es", "pt", "ar"]


def open_in(page, language: str) -> None:
    dir_ = "rtl" if language.startswith("ar") else "ltr"
    page.set_content(f'<!doctype html><html lang="{language}" dir="{dir_}"><body><p id="out"></p></body></html>')
    page.add_script_tag(content=WORDING_JS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_browser_and_babel_agree_on_the_plural_forms_of_every_catalog(page, language):
    open_in(page, language)
    categories = page.evaluate("l => new Intl.PluralRules(l).resolvedOptions().pluralCategories", language)
    assert set(categories) == plural_categories(language)
    words = ui_words(language)
    for count in (0, 1, 2, 3, 7, 11, 25, 100, 101, 1000000):
        shown = page.evaluate("([word, count]) => STCE.wording.format(word, {count: count})", [words["answer_all"], count])
        assert shown == phrase(words, "answer_all", language, count=count), (language, count)


def test_arabic_counts_take_their_six_forms(page):
    open_in(page, "ar")
    word = ui_words("ar")["answer_all"]
    shown = [page.evaluate("([w, n]) => STCE.wording.format(w, {count: n})", [word, n]) for n in (0, 1, 2, 3, 11, 100)]
    assert shown == [word[category].replace("{count}", str(n)) for n, category in
                     zip((0, 1, 2, 3, 11, 100), ("zero", "one", "two", "few", "many", "other"))]
    assert len(set(shown)) == 6


@pytest.mark.parametrize("language, expected", [
    ("en", "You scored 85.5%."), ("fr", "You scored 85,5\u00a0%."), ("pt", "You scored 85,5%."),
    ("ar", "You scored 85.5\u200e%\u200e."), ("ar-EG", "You scored \u0668\u0665\u066b\u0665\u066a\u061c."),
])
def test_percentages_are_written_the_language_s_way(page, language, expected):
    open_in(page, language)
    assert page.evaluate("() => STCE.wording.format('You scored {score}.', {score: STCE.wording.percent(85.5)})") == expected


def test_the_time_left_reads_as_a_clock_in_the_language_s_digits(page):
    open_in(page, "fr")
    assert page.evaluate("() => [STCE.wording.duration(65), STCE.wording.duration(3725)]") == ["01:05", "1:02:05"]
    open_in(page, "ar-EG")
    assert page.evaluate("() => STCE.wording.duration(65)") == "\u0660\u0661:\u0660\u0665"


def test_fill_isolates_text_values_and_writes_numbers_in_place(page):
    open_in(page, "ar")
    page.evaluate("""() => STCE.wording.fill(document.getElementById('out'), '{item}: الموضع {position} من {total}.',
                                            {item: 'UNSCR 1540 (2004)', position: 2, total: 5})""")
    out = page.locator("#out")
    assert out.inner_text() == "UNSCR 1540 (2004): الموضع 2 من 5."
    assert out.locator("bdi").all_inner_texts() == ["UNSCR 1540 (2004)"]
    assert out.locator("bdi").evaluate("b => getComputedStyle(b).direction") == "ltr"


@pytest.mark.parametrize("language", [*LANGUAGES, "ar-EG", "ar-SA", "fa"])
def test_the_build_and_the_player_write_the_same_figures(page, language):
    """A pass mark the build writes in the page and a score the player writes beside it use the same digits,
    separators and percent sign: Arabic-Indic digits in ar-EG on both sides, Latin ones in ar."""
    open_in(page, language)
    for value in (0, 7, 2.25, 1540):
        assert page.evaluate("v => STCE.wording.number(v)", value) == format_number(value, language), value
    for value in (0, 7, 80, 85.5, 100):
        assert page.evaluate("v => STCE.wording.number(STCE.wording.percent(v))", value) == \
            format_percent_value(value, language), value
