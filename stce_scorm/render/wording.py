"""UI words in the module's language: plural forms and numbers by Babel (CLDR data), never by hand.

A word in a theme's locale file is text with `{placeholders}`, or, where a count changes the wording,
a mapping of CLDR plural categories (`zero`, `one`, `two`, `few`, `many`, `other`) to text; the
category is the one CLDR gives for the value of `{count}`. Arabic has all six, English two.

The learner player does the same in the browser with `Intl` (`runtime/wording.js`), so a figure
reads alike in the page the build writes and in the text the player fills in.

Digits: the language tag decides, as CLDR says (`ar` writes 0-9, `ar-EG` Arabic-Indic digits), on both
sides. Babel writes a numbering system's separators but always Latin digits and the pattern's own "%", so
`native` puts in the system's digits (Unicode's, found by name) and percent sign: the build's "٨٠٪؜" is the
player's.
"""

from __future__ import annotations

import re
import unicodedata
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


# The zero of each CLDR numbering system a language uses by default, other than Latin (CLDR
# numberingSystems.xml; each system's digits are the ten that follow its zero in Unicode).
_ZERO_NAMES = {
    "arab": "ARABIC-INDIC DIGIT ZERO", "arabext": "EXTENDED ARABIC-INDIC DIGIT ZERO", "beng": "BENGALI DIGIT ZERO",
    "deva": "DEVANAGARI DIGIT ZERO", "mymr": "MYANMAR DIGIT ZERO", "tibt": "TIBETAN DIGIT ZERO",
    "olck": "OL CHIKI DIGIT ZERO", "cakm": "CHAKMA DIGIT ZERO", "nkoo": "NKO DIGIT ZERO",
    "mtei": "MEETEI MAYEK DIGIT ZERO", "adlm": "ADLAM DIGIT ZERO", "hmnp": "NYIAKENG PUACHUE HMONG DIGIT ZERO",
}


@cache
def _digits(system: str) -> dict[int, str]:
    """str.translate table from 0-9 to the system's digits (none for Latin or a system CLDR spells otherwise)."""
    if system not in _ZERO_NAMES:
        return {}
    zero = ord(unicodedata.lookup(_ZERO_NAMES[system]))
    return {ord("0") + n: chr(zero + n) for n in range(10)}


def native(text: str, language: str) -> str:
    """A figure Babel wrote for `language`, with the digits and percent sign of its default numbering system."""
    locale = babel_locale(language)
    system = locale.default_numbering_system
    sign = locale.number_symbols.get(system, {}).get("percentSign", "%")
    return text.replace("%", sign).translate(_digits(system))


def format_number(value: float, language: str) -> str:
    """A number as the language writes it, with every decimal the author gave and no grouping (an author's
    1540 may be a resolution's number): 0.25 -> "0,25" in French."""
    return native(format_decimal(value, locale=babel_locale(language), decimal_quantization=False,
                                 group_separator=False, numbering_system="default"), language)


def format_percent_value(percent: float, language: str) -> str:
    """A percentage (0-100) as the language writes it: 85.5 -> "85,5 %" in French, "85.5%" in English."""
    return native(format_percent(percent / 100, locale=babel_locale(language), decimal_quantization=False,
                                 numbering_system="default"), language)


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
