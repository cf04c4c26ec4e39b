"""The translation commands as library calls: pair a copy, export XLIFF, import XLIFF.

Each reads everything and checks it first, then writes one file atomically (the PO file or the
XLIFF file), so a failed command leaves the translations as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from stce_scorm.atomic_write import write_atomic
from stce_scorm.errors import ModuleError, Problem, SourcePos, error
from stce_scorm.source import paths
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Module
from stce_scorm.translate.apply import Coverage
from stce_scorm.translate.catalog import Catalog, catalog_path, read_po, write_po
from stce_scorm.translate.pairing import pair_folders
from stce_scorm.translate.units import Unit, extract_units


@dataclass
class PairReport:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    unchanged: list[Unit] = field(default_factory=list)
    summary: str = ""


def pair_copy(module_dir: Path, copy_dir: Path, language: str, only: list[str] | None = None,
              out: Path | None = None) -> PairReport:
    """Pair a translated copy with its module and write the language's PO file (merged into an existing one)."""
    module_dir = Path(module_dir)
    pairing, problems = pair_folders(module_dir, Path(copy_dir), language)
    if any(p.severity == "error" for p in problems):
        raise ModuleError(problems)
    module, loaded = load_module(module_dir)
    if module is None:
        raise ModuleError(loaded)
    units = extract_units(module)
    wanted = {u.id for u in units if _in_files(u, module, only)}
    errors = [p for p in pairing.unpaired + pairing.markup if not only or _problem_in(p, wanted, module, only)]
    if errors:
        raise ModuleError(problems + errors)
    path = Path(out) if out else catalog_path(module_dir, language)
    catalog = _existing(path, language)
    for unit_id in wanted:
        if unit_id in pairing.catalog.entries:
            catalog.entries[unit_id] = pairing.catalog.entries[unit_id]
    _writing(path, lambda: write_po(catalog, units, module_dir, path))
    unchanged = [u for u in pairing.unchanged if u.id in wanted]
    paired = sum(1 for unit_id in wanted if unit_id in pairing.catalog.entries)
    return PairReport(path, problems, unchanged,
                      f"wrote {path}: {paired} units paired, {len(unchanged)} unchanged (listed above: "
                      f"check that each may stay as it is), {sum(1 for u in units if not catalog.current(u))} of "
                      f"{len(units)} units of the module not yet translated")


def load_catalog(module: Module, language: str) -> tuple[Catalog, list[Problem]]:
    """The module's catalog for `language`; an empty one (everything missing) if the file does not exist."""
    path = catalog_path(module.root, language)
    if not path.is_file() and not path.is_symlink():
        return Catalog(language, file=paths.shown(path)), []
    # An author file like any other: a link out of the module is refused before anything is read.
    _, problem = paths.resolve(module.root, path.relative_to(module.root).as_posix(),
                               SourcePos(paths.shown(path)), "translation file")
    if problem is not None:
        return Catalog(language, file=paths.shown(path)), [problem]
    return read_po(path, language)


def coverage_lines(module: Module) -> list[str]:
    """One line per declared translation: how many units it translates, and how many are stale."""
    from stce_scorm.translate.apply import coverage

    lines = []
    for language in module.config.translations:
        catalog, _ = load_catalog(module, language)
        found = coverage(module, catalog)
        done = found.total - len(found.missing) - len(found.stale)
        lines.append(f"{language}: {done} of {found.total} units translated, {len(found.stale)} stale")
    return lines


def _existing(path: Path, language: str) -> Catalog:
    if not path.is_file():
        return Catalog(language, file=paths.shown(path))
    catalog, problems = read_po(path, language)
    if problems:
        raise ModuleError(problems)
    return catalog


def _in_files(unit: Unit, module: Module, only: list[str] | None) -> bool:
    if not only:
        return True
    shown = {paths.shown(module.root / name) for name in only}
    return unit.pos.file in shown


def _problem_in(problem: Problem, wanted: set[str], module: Module, only: list[str]) -> bool:
    shown = {paths.shown(module.root / name) for name in only}
    return problem.pos.file in shown or any(f"'{unit_id}'" in problem.message for unit_id in wanted)


def _refuse(pos: SourcePos, message: str, hint: str = "") -> None:
    raise ModuleError([error(pos, message, hint)])


def _writing(path: Path, write: Callable[[], object]) -> None:
    """Run `write`; a folder or file that cannot be written is a user error at that path, not a traceback."""
    try:
        write()
    except OSError as exc:
        _refuse(SourcePos(paths.shown(Path(path))), f"cannot write the file: {exc.strerror}",
                "choose a folder you can write to (--out), or check the permissions of the file and its folder")


def export_file(module_dir: Path, language: str, out: Path | None = None) -> tuple[Path, Coverage]:
    """Write `<id>-<lang>.xlf` for translators: every unit, with the translations the PO file already has."""
    from stce_scorm.pipeline import load_and_check
    from stce_scorm.translate.apply import coverage
    from stce_scorm.translate.editions import language_problems
    from stce_scorm.translate.xliff import export_xliff

    module, _ = load_and_check(module_dir)
    if language == module.config.language:
        _refuse(module.config.field_pos("language"), f"'{language}' is the module's source language",
               "give a target language, e.g. --lang fr")
    # A file sent for a language the module does not build could never be imported: refuse it now.
    refused = language_problems(module, [language])
    if refused:
        raise ModuleError(refused)
    catalog, problems = load_catalog(module, language)
    if problems:
        raise ModuleError(problems)
    path = Path(out) if out else Path(f"{module.config.id}-{language}.xlf")
    data = export_xliff(module, catalog, paths.shown(Path(module_dir)))

    def write() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    _writing(path, write)
    return path, coverage(module, catalog)


def import_file(xliff_file: Path, module_dir: Path | None = None) -> tuple[Path, Coverage, int]:
    """Merge a translated XLIFF file into its module's PO file; returns the PO path, the new coverage and
    how many units the file brought."""
    from stce_scorm.translate.apply import coverage
    from stce_scorm.translate.xliff import merge_imported, read_xliff

    imported = read_xliff(Path(xliff_file))
    if any(p.severity == "error" for p in imported.problems):
        raise ModuleError(imported.problems)
    folder = Path(module_dir) if module_dir else Path(imported.module_dir or ".")
    if module_dir is None and not (folder / "module.yaml").is_file():
        _refuse(SourcePos(paths.shown(Path(xliff_file)), imported.line, 1),
                f"the file was exported from the module folder '{imported.module_dir}', which is not here",
                "name the module: stce-scorm translate import FILE --module MODULE_DIR")
    module, problems = load_module(folder)
    if module is None or any(p.severity == "error" for p in problems):
        raise ModuleError(problems or [error(SourcePos(str(folder)), "the module did not load")])
    if imported.language not in module.config.translations:
        _refuse(module.config.field_pos("translations"),
               f"the XLIFF file is in '{imported.language}', which module.yaml does not list under 'translations'",
               f"add {imported.language} to 'translations'")
    catalog, found = load_catalog(module, imported.language)
    if found:
        raise ModuleError(found)
    merged = merge_imported(module, catalog, imported, paths.shown(Path(xliff_file)))
    if any(p.severity == "error" for p in merged):
        raise ModuleError(merged)
    path = catalog_path(module.root, imported.language)
    _writing(path, lambda: write_po(catalog, extract_units(module), module.root, path))
    return path, coverage(module, catalog), len(imported.entries)
