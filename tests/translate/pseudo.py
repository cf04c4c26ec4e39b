"""A test 'translation': every letter of every word swapped for an accented one, markup left alone.

Deterministic and reversible by eye, so a test can tell a translated string from a source one, and a
glossary reference by name (`[[control lists]]`) still names the translated term.
"""

from stce_scorm.translate.markup import split_markup

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "àƀçđéƒĝĥîĵķĺɱñôƥʠŕšţûʋŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÔƤɊŔŠŢÛƲŴẊÝŽ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)


def pseudo(text: str) -> str:
    """`text` with its words pseudo-translated and its markup kept, piece for piece."""
    return "".join(piece if is_markup else piece.translate(_TABLE) for piece, is_markup in split_markup(text))
