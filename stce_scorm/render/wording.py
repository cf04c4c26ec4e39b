"""UI words in the module's language: plural forms and numbers by Babel (CLDR data), never by hand.

A word in a theme's locale file is text with `{placeholders}`, or, where a count changes the wording,
a mapping of CLDR plural categories (`zero`, `one`, `two`, `few`, `many`, `other`) to text; the
category is the one CLDR gives for the value of `{count}`. Arabic has all six, English two.

The learner player does the same in the browser with `Intl` (`runtime/wording.js`), so a figure
reads alike in the page the build writes and in the text the player fills in.

Digits: the language tag decides, as CLDR says (`ar` writes 0-9, `ar-EG` Arabic-Indic digits). Babel
formats with Latin digits only, so for the few figures the build writes (pass mark, time limit,
storyboard) a tag whose default digits are not Latin gets Latin digits and Latin separators.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypeGuard

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

Word = str | dict[str, str]
Words = dict[str, Word]


@cache
def babel_locale(language: str) -> Locale:
    """The CLDR locale of a language tag (`pt-BR` -> pt_BR), else its base language, else English."""
    for tag in (language, language.split("-")[0], "en"):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("Babel always knows English")


def plural_categories(language: str) -> set[str]:
    """The plural categories a catalog for `language` must give ("other" always among them)."""
    return set(babel_locale(language).plural_form.tags) | {"other"}


def plural_category(count: float, language: str) -> str:
    """CLDR's plural category of `count` in `language`: 1 -> "one" in English, 3 -> "few" in Arabic."""
    return babel_locale(language).plural_form(count)


def format_number(value: float, language: str) -> str:
    """A number as the language writes it, with every decimal the author gave and no grouping (an author's
    1540 may be a resolution's number): 0.25 -> "0,25" in French."""
    return format_decimal(value, locale=babel_locale(language), decimal_quantization=False, group_separator=False)


def format_percent_value(percent: float, language: str) -> str:
    """A percentage (0-100) as the language writes it: 85.5 -> "85,5 %" in French, "85.5%" in English."""
    return format_percent(percent / 100, locale=babel_locale(language), decimal_quantization=False)


def choose(word: Word, count: float | None, language: str) -> str:
    """The text of a word: its plural form for `count` if it has plural forms, "other" if CLDR's
    category is missing (a theme may give fewer forms than the base catalogs)."""
    if isinstance(word, str):
        return word
    if count is None:
        return word["other"]
    return word.get(plural_category(count, language), word["other"])


def phrase(words: Words, key: str, language: str, **values: object) -> str:
    """A word with its placeholders filled: numbers formatted for the language, the plural form
    chosen by `count`. Text values are put in as they are (the templates escape them).

    Only plain `{name}` placeholders are filled, as the player does: a theme's locale file is an author
    source, and `str.format` would let `{count.__class__}` read attributes or an unknown name fail."""
    count = values.get("count")
    shown = {name: format_number(value, language) if _is_number(value) else str(value) for name, value in values.items()}
    text = choose(words[key], count if _is_number(count) else None, language)
    return _PLACEHOLDER.sub(lambda match: shown.get(match.group(1), match.group(0)), text)


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
