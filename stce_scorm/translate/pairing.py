"""Turn a translated copy of a module into its PO file, by pairing the two copies unit by unit.

Translators may deliver a copy of the module folder with the words changed and the structure kept
(same ids, blocks, paragraphs and lists). Both copies load with the same loader, give their units
with the same ids, and each source unit is paired with the copy's unit of the same id. What does not
pair (a paragraph split or merged, a list item added, an id changed) is reported at both files' lines
so the translator can fix the copy; a unit the copy left unchanged is listed for review (a name or a
code may rightly stay the same).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stce_scorm.errors import Problem, SourcePos, error, warning
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Module
from stce_scorm.translate.catalog import Catalog, Entry
from stce_scorm.translate.markup import markup_difference
from stce_scorm.translate.units import Unit, extract_units


@dataclass
class Pairing:
    """The catalog made from a translated copy, and what did not pair."""

    catalog: Catalog
    unpaired: list[Problem] = field(default_factory=list)  # errors: units only one copy has
    unchanged: list[Unit] = field(default_factory=list)  # units the copy did not change
    markup: list[Problem] = field(default_factory=list)  # paired units whose markup differs


def pair_modules(source: Module, copy: Module, language: str) -> Pairing:
    """Pair the units of `source` with those of its translated `copy` (loaded the same way) by unit id."""
    theirs = {unit.id: unit for unit in extract_units(copy)}
    ours = extract_units(source)
    pairing = Pairing(Catalog(language))
    for unit in ours:
        match = theirs.pop(unit.id, None)
        if match is None:
            pairing.unpaired.append(error(unit.pos, f"unit '{unit.id}' has no counterpart in the translated copy",
                                          "keep the copy's structure the same as the source's: same ids, "
                                          "paragraphs, list items, blocks and block titles"))
            continue
        if match.text == unit.text:
            pairing.unchanged.append(unit)
        difference = markup_difference(unit.text, match.text)
        if difference:
            pairing.markup.append(error(match.pos, f"unit '{unit.id}' {difference}",
                                        f"the source is at {unit.pos}: keep its markup, change only the words"))
            continue
        pairing.catalog.entries[unit.id] = Entry(source=unit.text, target=match.text)
    for unit in theirs.values():
        pairing.unpaired.append(error(unit.pos, f"unit '{unit.id}' of the translated copy has no counterpart "
                                                "in the source", "remove what was added, or merge it into the "
                                                                 "paragraph or item it belongs to"))
    return pairing


def pair_folders(source_dir: Path, copy_dir: Path, language: str) -> tuple[Pairing, list[Problem]]:
    """Load both folders with the module loader and pair them; problems that stop loading come back instead."""
    source, problems = load_module(Path(source_dir))
    copy, copy_problems = load_module(Path(copy_dir))
    failed = [p for p in problems + copy_problems if p.severity == "error"]
    if source is None or copy is None or failed:
        return Pairing(Catalog(language)), failed or [error(SourcePos(str(copy_dir)), "the module did not load")]
    if copy.config.language != language:
        failed.append(warning(copy.config.field_pos("language"),
                              f"the copy says language '{copy.config.language}', not '{language}'",
                              f"set language: {language} in the copy's module.yaml"))
    return pair_modules(source, copy, language), failed
