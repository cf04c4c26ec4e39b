"""Languages: a module's learner text in other languages, kept as one PO file per language.

The flow: `units` gives every translatable text of a module a stable id; `catalog` reads and writes
`translations/<lang>.po`; `apply_translation` makes the module in another language before it is
checked and rendered; `pairing` turns a translator's copy of the module folder into a catalog;
`xliff` exchanges units with CAT tools, markup protected as placeholders (`markup`).
"""

from stce_scorm.translate.apply import Coverage, apply_translation, coverage, coverage_problems
from stce_scorm.translate.catalog import Catalog, Entry, catalog_path, read_po, write_po
from stce_scorm.translate.units import Unit, extract_units

__all__ = ["Catalog", "Coverage", "Entry", "Unit", "apply_translation", "catalog_path", "coverage",
           "coverage_problems", "extract_units", "read_po", "write_po"]
