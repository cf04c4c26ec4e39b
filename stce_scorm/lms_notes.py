"""The short note for the LMS administrator, written beside each package, in the package's language.

The LMS records only what its activity settings let it record; this note says which settings
make it record what the module reports. Each target names its template (targets/: `notes_template`),
which extends the shared `lms_notes.txt` with what differs between formats. The templates hold the
layout and when each paragraph applies, once for every language; the words are in
`templates/lms_notes/<language>.yaml`, English where a language has no file yet (the note says so).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import yaml
from babel.numbers import format_decimal

from stce_scorm.check.close_request import BEACON_LIMIT, CLOSE_BUDGET, worst_case_close_request
from stce_scorm.player import PlayerContract
from stce_scorm.render.wording import Words, babel_locale, phrase
from stce_scorm.source.models import Module
from stce_scorm.targets import Target

_FOLDER = Path(__file__).parent / "templates"
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_FOLDER)),
    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    autoescape=False,
)
FALLBACK_LANGUAGE = "en"


def note_languages() -> list[str]:
    """The languages the note is written in (a file in templates/lms_notes/)."""
    return sorted(file.stem for file in (_FOLDER / "lms_notes").glob("*.yaml"))


@cache
def note_words(language: str) -> Words:
    """The note's words in `language` (a base code such as `fr`); our own file, not author input."""
    return yaml.safe_load((_FOLDER / "lms_notes" / f"{language}.yaml").read_text(encoding="utf-8"))


def lms_notes(module: Module, target: Target, package_name: str, player: PlayerContract | None = None) -> str:
    """Plain-text setup advice for one package, in the module's language if the note has it, else in English."""
    base = module.config.language.split("-")[0]
    language = base if base in note_languages() else FALLBACK_LANGUAGE
    words = note_words(language)

    def say(key: str, **values: object) -> str:
        """A paragraph of the note: plural forms and numbers by Babel, for the note's language."""
        return phrase(words, key, language, **values)

    def kilobytes(size: int) -> str:
        """A size in KB with one decimal, as the language writes it: "12.5" or "12,5"."""
        return format_decimal(round(size / 1024, 1), format="0.0", locale=babel_locale(language))

    return _TEMPLATES.get_template(target.notes_template).render(
        module=module.config, target=target, package_name=package_name, say=say, kilobytes=kilobytes,
        note_language=language, reports_score=bool(module.assessments),
        close=worst_case_close_request(module, target.name, player), budget=CLOSE_BUDGET, beacon_limit=BEACON_LIMIT,
        untranslated=module.untranslated, translated_from=module.translated_from, manifest_id=module.manifest_id,
    )
