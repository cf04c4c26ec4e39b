"""Alphabetical order in the module's language, for the glossary.

Code-point order puts 'Ébauche' after 'zone'; the Unicode Collation Algorithm (pyuca, with the
standard DUCET table) sorts it with the e's, as French, Spanish and Portuguese readers expect. pyuca
takes about a second to load its table, so it is loaded only for terms that need it: for plain ASCII
terms it gives the same order as a case-insensitive comparison.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar
from collections.abc import Sequence

from stce_scorm.source.models import Term

T = TypeVar("T", bound=Term)


@lru_cache(maxsize=1)
def _collator():
    import pyuca

    return pyuca.Collator()


def glossary_order(terms: Sequence[T]) -> list[T]:
    """The terms in alphabetical order (ties by id, so the order never depends on the file's)."""
    if all(term.term.isascii() for term in terms):
        return sorted(terms, key=lambda term: (term.term.lower(), term.id))
    collator = _collator()
    return sorted(terms, key=lambda term: (collator.sort_key(term.term.casefold()), term.term, term.id))
