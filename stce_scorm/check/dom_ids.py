"""Ids authors give to page elements must not collide with the player's.

The learner's page holds the author's content next to the player's own elements, and every element
id is also a property of `window` (named access): `<span id="API">` becomes `window.API`, where a
SCORM 1.2 player looks for the LMS; `id="stce-config"` replaces the player's data. So author ids
(`## Heading {#id}`, `id="..."` in raw HTML) may not be the player's ids, its globals, or start
like the ids the build generates.
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error
from stce_scorm.content.sanitize import html_ids
from stce_scorm.source.models import Module
from stce_scorm.source.texts import module_texts, tokens
from stce_scorm.targets import TARGETS

# Globals the player and the LMS look up on `window`: the player's own, and each target's LMS API.
PLAYER_GLOBALS = frozenset({"STCE", *(target.api_name for target in TARGETS.values())})
# Ids of the elements of the player and the theme's other documents (themes/*/templates, runtime/*.js);
# a test keeps this in step.
PLAYER_IDS = frozenset({
    "content", "contents-title", "exercises", "exercises-title", "exit-button", "exit-dialog",
    "exit-dialog-title", "finished", "glossary", "glossary-title", "locked-hint", "next-page", "notice",
    "player-scroll", "previous-page", "progress-bar", "progress-label", "progress-meter", "progress-text",
    "progress-value", "standalone-notice", "stce-config", "term-dialog", "term-dialog-title", "timing",
    "timing-title", "toc", "toc-heading", "toc-lessons", "top", "unplaced-checks", "unplaced-checks-title",
})


def reserved_prefixes(module: Module) -> tuple[str, ...]:
    """Starts of the ids the build generates: page anchors, assessments, glossary entries, questions."""
    owners = [lesson.id for lesson in module.lessons] + [q.id for q in module.all_questions()]
    return ("stce-", "assessment-", "glossary-", *(f"{owner}-" for owner in owners))


def check_dom_ids(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    prefixes = reserved_prefixes(module)
    for text in module_texts(module):
        for item in tokens(text):
            found: list[tuple[int, str]] = []
            if item.token.type == "heading_open" and item.token.attrGet("id") and item.token.tag != "h1":
                found.append((0, str(item.token.attrGet("id"))))
            elif item.token.type in ("html_block", "html_inline"):
                found += html_ids(item.token.content)
            for offset, ident in found:
                reason = _reserved(ident, prefixes)
                if reason:
                    pos = type(item.pos)(item.pos.file, item.pos.line + offset, item.pos.col)
                    problems.append(error(pos, f"id '{ident}' {reason} (in {text.where})",
                                          "choose another id, e.g. with a prefix of your own such as 'see-'"))
    return problems


def _reserved(ident: str, prefixes: tuple[str, ...]) -> str:
    if ident in PLAYER_GLOBALS:
        return "would hide the player's or the LMS's global of that name"
    if ident in PLAYER_IDS:
        return "is used by the player"
    prefix = next((p for p in prefixes if ident.startswith(p)), None)
    return f"starts like the ids the build generates ('{prefix}...')" if prefix else ""
