"""A language's translations: one gettext PO file per language, `translations/<lang>.po`, beside the sources.

PO is what translation teams and their tools know, and it reads well in a diff. Each entry:
`msgctxt` = the unit's stable id, `msgid` = the source text it was translated from, `msgstr` = the
translation, `#:` = the source file and line, `#, fuzzy` = stale (the source changed since; the
text it was translated from is kept as `#| msgid`). translate-toolkit reads and writes the format,
so escaping, wrapping and headers are a maintained library's job.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from translate.storage import pypo

from stce_scorm.atomic_write import write_atomic
from stce_scorm.errors import Problem, SourcePos, error
from stce_scorm.source import paths
from stce_scorm.translate.units import Unit

TRANSLATIONS_DIR = "translations"


@dataclass
class Entry:
    """One unit's translation, and the source text it was made from."""

    source: str
    target: str
    stale: bool = False
    previous_source: str = ""
    line: int = 0  # where the entry is in the PO file, for messages


@dataclass
class Catalog:
    """Every translated unit of one language, by unit id."""

    language: str
    entries: dict[str, Entry] = field(default_factory=dict)
    file: str = ""

    def current(self, unit: Unit) -> str | None:
        """The translation of `unit` if it is up to date: made from today's source text and not stale."""
        entry = self.resolve(unit)
        if entry and entry.target and not entry.stale and entry.source == unit.text:
            return entry.target
        return None

    def resolve(self, unit: Unit) -> Entry | None:
        """The entry for `unit`: its own if made from today's text; else another unit's made from exactly
        this text (a paragraph added above it on its page renumbered it, as gettext's msgmerge finds
        moved messages); else its own, stale."""
        own = self.entries.get(unit.id)
        if own and own.source == unit.text and own.target:
            return own
        moved = self._by_source().get(unit.text)
        return moved or own

    def _by_source(self) -> dict[str, Entry]:
        index: dict[str, Entry] = {}
        for entry in self.entries.values():
            if entry.target and not entry.stale:
                index.setdefault(entry.source, entry)
        return index


# The WMD module's French catalog is 572 KB; sixteen times that is still read in well under a second.
MAX_CATALOG_BYTES = 8 * 1024 * 1024


def catalog_path(module_root: Path, language: str) -> Path:
    return Path(module_root) / TRANSLATIONS_DIR / f"{language}.po"


def read_po(path: Path, language: str) -> tuple[Catalog, list[Problem]]:
    """Read a PO file; a file that is not PO, or an entry without a unit id, is reported at its line."""
    shown = paths.shown(path)
    catalog = Catalog(language, file=shown)
    try:
        size = Path(path).stat().st_size
        if size > MAX_CATALOG_BYTES:
            return catalog, [error(SourcePos(shown, 1, 1), f"the file is {size // 1024:,} KB; a translation file may be "
                                   f"at most {MAX_CATALOG_BYTES // 1024:,} KB",
                                   "a module this size should be split into several modules")]
        data = Path(path).read_bytes()
    except OSError as exc:
        return catalog, [error(SourcePos(shown), f"cannot read the translation file: {exc.strerror}")]
    try:
        store = pypo.pofile.parsestring(data)
    except Exception as exc:  # translate-toolkit raises ValueError or its own parse errors
        return catalog, [error(SourcePos(shown, _line_of(exc), 1), f"not a readable PO file: {_reason(exc)}",
                               "restore the file from version control, or export it again")]
    problems: list[Problem] = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        line = unit.line_number or _entry_line(data, unit)
        unit_id = unit.getcontext()
        if not unit_id:
            problems.append(error(SourcePos(shown, line, 1), "entry has no msgctxt (the unit id)",
                                  "every entry needs the msgctxt the tool wrote; do not add entries by hand"))
            continue
        if unit_id in catalog.entries:
            problems.append(error(SourcePos(shown, line, 1), f"unit '{unit_id}' is translated twice",
                                  "keep one entry per msgctxt"))
            continue
        previous = unit.prev_source if hasattr(unit, "prev_source") else ""
        catalog.entries[unit_id] = Entry(source=unit.source, target=unit.target or "", stale=unit.isfuzzy(),
                                         previous_source=previous or "", line=line)
    return catalog, problems


def po_bytes(catalog: Catalog, units: list[Unit], module_root: Path) -> bytes:
    """`catalog` as PO, in unit order: entries for units the module no longer has are dropped, and an
    entry whose source changed is marked fuzzy with the text it was translated from. No dates in the
    header: the same translations always give the same bytes."""
    store = pypo.pofile()  # starts with a header of its own, dated: replaced by ours
    header = store.header()
    if header is None:
        header = store.UnitClass("")
        store.addunit(header)
    header.markfuzzy(False)
    header.target = (f"Language: {catalog.language}\nMIME-Version: 1.0\n"
                     "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
                     "X-Generator: stce-scorm\n")
    root = paths.shown(Path(module_root))
    for unit in units:
        entry = catalog.resolve(unit)
        po_unit = store.addsourceunit(unit.text)
        po_unit.setcontext(unit.id)
        po_unit.addlocation(location(unit, root))
        if entry is None:
            continue
        po_unit.target = entry.target
        stale = entry.stale or entry.source != unit.text
        if stale and entry.target:
            po_unit.markfuzzy(True)
            po_unit.prev_source = entry.previous_source or entry.source
    return bytes(store)


def write_po(catalog: Catalog, units: list[Unit], module_root: Path, path: Path) -> Path:
    """Write the PO file atomically: a failed write leaves the previous translations in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(path, po_bytes(catalog, units, module_root))


def location(unit: Unit, module_root_shown: str) -> str:
    """'lessons/01-why.md:12': the unit's file relative to the module folder, so the file does not depend on
    where the command ran."""
    return f"{os.path.relpath(unit.pos.file, module_root_shown)}:{unit.pos.line}"


def _entry_line(data: bytes, unit) -> int:
    """The line of the entry's msgctxt in the file (translate-toolkit keeps no line numbers)."""
    context = unit.getcontext()
    needle = b'msgctxt "' + context.encode("utf-8") + b'"'
    offset = data.find(needle)
    return data[:offset].count(b"\n") + 1 if offset >= 0 else 0


def _line_of(exc: Exception) -> int:
    for attribute in ("lineno", "line"):
        value = getattr(exc, attribute, None)
        if isinstance(value, int):
            return value
    said = re.search(r"\bline (\d+)", str(exc))  # translate-toolkit names the line in its message
    return int(said.group(1)) if said else 1


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
