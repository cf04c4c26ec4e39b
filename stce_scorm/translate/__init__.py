"""Languages: a module's learner text in other languages, kept as one PO file per language.

The flow: `units` gives every translatable text of a module a stable id; `catalog` reads and writes
`translations/<lang>.po`; `apply_translation` makes the module in another language before it is
checked and rendered; `pairing` turns a translator's copy of the module folder into a catalog;
`xliff` exchanges units with CAT tools, markup protected as placeholders (`markup`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Public name -> the module of this package that defines it.
_HOMES = {"Coverage": "apply", "apply_translation": "apply", "coverage": "apply", "coverage_problems": "apply",
          "Catalog": "catalog", "Entry": "catalog", "catalog_path": "catalog", "read_po": "catalog",
          "write_po": "catalog", "Unit": "units", "extract_units": "units"}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    """The public names, imported on first use: a build in the source language alone (which imports
    translate/editions.py) then never loads translate-toolkit."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
