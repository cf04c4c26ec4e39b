"""The markup inside a unit's text, which a translation must keep: the words change, the markup does not.

A unit's text is Markdown with inline marks (bold, links, images, glossary references, code, raw HTML
tags, table pipes). `split_markup` cuts it into words and markup; XLIFF export turns each piece of
markup into a placeholder a CAT tool will not let a translator edit, and every translation (XLIFF or
PO) must hold the same markup as its source, in any order: a translation that drops a link, adds a
tag or a script, or changes where a link goes is refused. Emphasis marks and `<bdi>` are the exception.
"""

from __future__ import annotations

import re
from collections import Counter

from stce_scorm.source.models import ID_PATTERN

_ID = re.compile(ID_PATTERN)

_MARKUP = re.compile(r"""
      (?P<code>`+)(?:.*?)(?P=code)                  # a code span: never translated
    | \[\[(?=[^\]\n]*\]\])                          # a glossary reference opens
    | \|[^|\]\n]*\]\]                               # ... and closes, with the term it names
    | \]\]
    | !\[                                           # an image opens
    | \]\([^)\s]*(?:[ \t]+"[^"\n]*")?\)             # a link's or image's target
    | \[(?=[^\]\n]*\]\()                            # a link opens
    | <[A-Za-z!/][^<>]*>                            # an HTML tag or comment, or an autolink
    | \*\*|\*|~~|__                                 # emphasis marks
    | \|                                            # a table pipe
    | &[A-Za-z0-9#]+;                               # an HTML entity
""", re.VERBOSE | re.DOTALL)


def split_markup(text: str) -> list[tuple[str, bool]]:
    """`text` as pieces, in order: (piece, True) for markup, (piece, False) for words."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _MARKUP.finditer(text):
        piece = match.group(0)
        if piece.startswith("|") and piece.endswith("]]") and not _ID.match(piece[1:-2].strip()):
            # `[[shown|term name]]`: the term name is words (the translated glossary has its own names).
            if match.start() > last:
                pieces.append((text[last:match.start()], False))
            pieces += [("|", True), (piece[1:-2], False), ("]]", True)]
            last = match.end()
            continue
        if match.start() > last:
            pieces.append((text[last:match.start()], False))
        pieces.append((piece, True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


# Emphasis is the translator's to place (French sets a Latin 'a posteriori' in italics), and so is the bare
# bidirectional isolation an Arabic text needs around a Latin term with figures ("<bdi>UNSCR 1540 (2004)</bdi>",
# authoring guide section 8): neither can harm. A tag with any attribute is still markup that must match.
EMPHASIS = {"*", "**", "~~", "__", "<bdi>", "</bdi>"}
_GLOSSARY_REFERENCE = re.compile(r"\[\[[^\]\n]*\]\]")


def markup_of(text: str) -> Counter[str]:
    """The markup pieces of `text` that a translation must keep, counted (their order may change in another
    language). A glossary reference counts as one, whatever it names: `[[means of delivery]]` may rightly
    become `[[vecteurs|means_of_delivery]]`, and the checks of the translated module prove it resolves."""
    text = _GLOSSARY_REFERENCE.sub("[[]]", text)
    return Counter(piece for piece, is_markup in split_markup(text) if is_markup and piece not in EMPHASIS)


def markup_difference(source: str, translation: str) -> str:
    """'' when `translation` holds the same markup as `source`, else what differs, in words."""
    before, after = markup_of(source), markup_of(translation)
    if before == after:
        return ""
    removed = sorted((before - after).elements())
    added = sorted((after - before).elements())
    parts = []
    if removed:
        parts.append("drops " + ", ".join(repr(piece) for piece in removed[:3]))
    if added:
        parts.append("adds " + ", ".join(repr(piece) for piece in added[:3]))
    return " and ".join(parts) + " (markup differs from the source)"
