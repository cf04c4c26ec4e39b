"""XLIFF 1.2 for translators' CAT tools: one trans-unit per unit, markup locked in placeholders.

Every piece of inline markup (bold marks, link targets, glossary references, tags, code) becomes a
`<ph>` element holding the original code: CAT tools show it as a tag the translator moves but cannot
edit. On import the code is taken from the source again, never from the file, and a placeholder that
is missing, added, or whose code was changed is refused, as is markup typed as text; a CAT tool's <mrk>
markers (sentence segments, term marks) are read through. Each unit carries
its source file and line, and a termbase-style note with the glossary terms it uses and their agreed
translations. translate-toolkit writes and reads the file structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

from stce_scorm.errors import Problem, SourcePos, error
from stce_scorm.source import paths
from stce_scorm.source.models import Module
from stce_scorm.translate.catalog import Catalog, Entry, location
from stce_scorm.translate.markup import markup_difference, split_markup
from stce_scorm.translate.units import Unit, extract_units

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
MAX_XLIFF_BYTES = 32 * 1024 * 1024  # WMD's whole module is ~1 MB of XLIFF
STALE = "needs-review-translation"
DONE_STATES = {"translated", "final", "signed-off", "needs-review-l10n", "needs-adaptation", "needs-l10n"}


class Xliff12Unit(xliff.xliffunit):
    namespace = NAMESPACE


class Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (what CAT tools expect) instead of 1.1."""

    UnitClass = Xliff12Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


def export_xliff(module: Module, catalog: Catalog, module_dir: str) -> bytes:
    """Every unit of `module` as XLIFF 1.2 for `catalog.language`, with the translations already made."""
    store = Xliff12()
    file_node = next(store.document.getroot().iterchildren(store.namespaced("file")))
    file_node.set("source-language", module.config.language)
    file_node.set("target-language", catalog.language)
    units = extract_units(module)
    terms = _glossary(units, catalog)
    root = paths.shown(module.root)
    for unit in units:
        trans_unit = store.addsourceunit(unit.text)
        trans_unit.setid(unit.id)
        trans_unit.rich_source = [_rich(unit.text)]
        trans_unit.addnote(location(unit, root), origin="developer")
        used = [f"{term} = {translation}" if translation else term for term, translation in terms
                if _uses(unit.text, term)]
        if used:
            trans_unit.addnote("Glossary: " + "; ".join(used), origin="glossary")
        entry = catalog.resolve(unit)
        if entry and entry.target and not markup_difference(unit.text, entry.target):
            trans_unit.rich_target = [_rich(entry.target, numbering=_numbering(unit.text))]
            target = trans_unit.xmlelement.find(store.namespaced("target"))
            stale = entry.stale or entry.source != unit.text
            target.set("state", STALE if stale else "translated")
            # An up-to-date translation is what the package publishes: approved, or tools built on
            # translate-toolkit (Pootle, Virtaal, Weblate) show it as fuzzy.
            trans_unit.markapproved(not stale)
            if stale:
                trans_unit.addnote(f"Translated from an older source text: {entry.previous_source or entry.source}",
                                   origin="stce-scorm")
    file_node.set("original", module_dir)  # after adding units: translate-toolkit finds the file by it
    return bytes(store)


def _rich(text: str, numbering: dict[str, list[str]] | None = None) -> StringElem:
    """The text with each piece of markup as a numbered <ph>: the source numbers them in order; a target
    reuses the source's number for the same code, so a CAT tool pairs them."""
    parts: list = []
    counter = 0
    available = {code: list(ids) for code, ids in (numbering or {}).items()}
    for piece, is_markup in split_markup(text):
        if not is_markup:
            parts.append(piece)
            continue
        if numbering is None:
            counter += 1
            ident = str(counter)
        else:
            ident = available[piece].pop(0)
        parts.append(placeables.Ph(piece, id=ident))
    return StringElem(parts)


def _numbering(source: str) -> dict[str, list[str]]:
    """Placeholder code -> its ids in the source, in order."""
    numbering: dict[str, list[str]] = {}
    for ident, code in enumerate((piece for piece, is_markup in split_markup(source) if is_markup), 1):
        numbering.setdefault(code, []).append(str(ident))
    return numbering


def _glossary(units: list[Unit], catalog: Catalog) -> list[tuple[str, str]]:
    """(term, its translation if agreed) for every glossary term and alias of the module."""
    out = []
    for unit in units:
        if unit.id.startswith("glossary/") and (unit.id.endswith("/term") or "/aliases." in unit.id):
            entry = catalog.entries.get(unit.id)
            out.append((unit.text, entry.target if entry and not entry.stale else ""))
    return sorted(out, key=lambda pair: -len(pair[0]))


def _uses(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


@dataclass
class Imported:
    """What an XLIFF file brings: its language, where its module is, translations by unit id."""

    language: str
    module_dir: str
    entries: dict[str, Entry] = field(default_factory=dict)
    line: int = 1  # of the <file> element, which names the language and the module folder
    problems: list[Problem] = field(default_factory=list)


def read_xliff(path: Path) -> Imported:
    """Read a translated XLIFF file; every broken unit is reported at its line, none is taken half."""
    shown = paths.shown(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Imported("", "", problems=[error(SourcePos(shown), f"cannot read the file: {exc.strerror}")])
    if len(data) > MAX_XLIFF_BYTES:
        return Imported("", "", problems=[error(SourcePos(shown, 1, 1),
                                                f"the file is {len(data) // 1024:,} KB; at most "
                                                f"{MAX_XLIFF_BYTES // 1024 // 1024} MB", "export it again")])
    if declaration := re.search(rb"<!(DOCTYPE|ENTITY)", data):
        line = data[:declaration.start()].count(b"\n") + 1
        return Imported("", "", problems=[error(SourcePos(shown, line, 1),
                                                "the XLIFF file declares a DOCTYPE or entities",
                                                "XLIFF needs neither; export the file again from the CAT tool")])
    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AssertionError, StopIteration) as exc:
        line = getattr(exc, "lineno", 1) or 1
        reason = str(exc).splitlines()[0] if str(exc) else "not an XLIFF 1.2 file"
        return Imported("", "", problems=[error(SourcePos(shown, line, 1), f"not a readable XLIFF file: {reason}",
                                                "export it again, or repair the XML")])
    file_node = next(store.document.getroot().iterchildren(store.namespaced("file")), None)
    language = file_node.get("target-language", "") if file_node is not None else ""
    imported = Imported(language, file_node.get("original", "") if file_node is not None else "",
                        line=file_node.sourceline or 1 if file_node is not None else 1)
    if not re.match(r"^[a-z]{2,3}(-[A-Z]{2})?$", language):
        imported.problems.append(error(SourcePos(shown, 1, 1), f"target-language '{language}' is not a language code",
                                       "set target-language to the code of the translation, e.g. fr"))
    for unit in store.units:
        _read_unit(store, unit, shown, imported)
    return imported


def _read_unit(store, unit, shown: str, imported: Imported) -> None:
    element = unit.xmlelement
    line = element.sourceline or 0
    unit_id = element.get("id", "")
    source = _plain(element.find(store.namespaced("source")), None)
    target_node = element.find(store.namespaced("target"))
    if source is None or target_node is None:
        return
    text = _plain(target_node, _codes(source))
    if isinstance(text, Problem):
        imported.problems.append(error(SourcePos(shown, target_node.sourceline or line, 1),
                                       f"unit '{unit_id}': {text.message}", text.hint))
        return
    if not text.strip():
        return
    stale = target_node.get("state", "translated") not in DONE_STATES
    imported.entries[unit_id] = Entry(source=source, target=text, stale=stale, line=target_node.sourceline or line)


def _codes(source_text: str) -> dict[str, str]:
    numbering = _numbering(source_text)
    return {ident: code for code, ids in numbering.items() for ident in ids}


def _inline(node) -> Iterator[str | etree._Element]:
    """The content of `node` in order: its text, and each <ph> placeholder. A <mrk> marker (a CAT tool's
    segment, term or comment mark) only wraps words and placeholders: its content is read in its place."""
    yield node.text or ""
    for child in node:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            if etree.QName(child).localname == "mrk":
                yield from _inline(child)
            else:
                yield child
        yield child.tail or ""


def _plain(node, codes: dict[str, str] | None):
    """The text of a <source> (codes None: placeholders give their own code) or <target> (each placeholder's
    code comes from the source by id); a Problem for anything a translator must not do to markup."""
    if node is None:
        return None
    parts: list[str] = []
    seen: set[str] = set()
    for piece in _inline(node):
        if isinstance(piece, str):
            parts.append(piece)
            continue
        name = etree.QName(piece).localname
        ident = piece.get("id", "")
        if name != "ph" or len(piece):
            return error(SourcePos(""), f"unexpected <{name}> element in the translation",
                         "keep only the placeholders of the source")
        if codes is None:
            parts.append(piece.text or "")
        elif ident not in codes or ident in seen:
            return error(SourcePos(""), f"placeholder {ident!r} is not in the source (or is there twice)",
                         "use each placeholder of the source exactly once; do not add any")
        elif piece.text and piece.text != codes[ident]:  # written back empty (<ph id="1"/>) is the same code
            return error(SourcePos(""), f"placeholder {ident!r} was changed from {codes[ident]!r} to {piece.text!r}",
                         "placeholders are locked markup: move them, never edit them")
        else:
            parts.append(codes[ident])
        seen.add(ident)
    if codes is not None and seen != set(codes):
        missing = sorted(set(codes) - seen, key=int)
        return error(SourcePos(""), f"placeholder(s) {', '.join(missing)} removed from the translation",
                     "keep every placeholder of the source: they are its links, marks and tags")
    return "".join(parts)


def merge_imported(module: Module, catalog: Catalog, imported: Imported, shown: str) -> list[Problem]:
    """Put the imported translations into `catalog`; a unit the module no longer has, or a translation whose
    markup differs from its source, is an error (nothing is merged then)."""
    units = {unit.id: unit for unit in extract_units(module)}
    problems = list(imported.problems)
    for unit_id, entry in imported.entries.items():
        unit = units.get(unit_id)
        if unit is None:
            problems.append(error(SourcePos(shown, entry.line, 1), f"unit '{unit_id}' is not in the module",
                                  "export the XLIFF file again from the current module"))
            continue
        difference = markup_difference(entry.source, entry.target)
        if difference:
            problems.append(error(SourcePos(shown, entry.line, 1), f"unit '{unit_id}': the translation {difference}",
                                  "type words only; markup travels in the placeholders"))
    if any(p.severity == "error" for p in problems):
        return problems
    for unit_id, entry in imported.entries.items():
        old = catalog.entries.get(unit_id)
        # A unit left for review keeps the source text its translation was made from (the PO file's `#| msgid`):
        # the one the catalog already held, not the file's, which is today's text.
        previous = ""
        if entry.stale and old:
            previous = old.previous_source or (old.source if old.source != entry.source else "")
        catalog.entries[unit_id] = Entry(source=entry.source, target=entry.target, stale=entry.stale,
                                         previous_source=previous)
    return problems
