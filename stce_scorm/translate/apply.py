"""A module in another language: the source module with every up-to-date translation set.

`apply_translation` is pure: it copies the module, so the source module a build holds stays as it
was loaded. It runs between load and check, so the translated module passes the very checks
(glossary references, raw HTML, sanitising, word counts) that the source does: translations are
author input, semi-trusted like the sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from stce_scorm.errors import Problem, SourcePos, error, warning
from stce_scorm.source import paths
from stce_scorm.source.models import Module
from stce_scorm.translate.catalog import Catalog
from stce_scorm.translate.markup import markup_difference
from stce_scorm.translate.units import Unit, extract_units, walk


@dataclass(frozen=True)
class Coverage:
    """How much of a module one catalog translates: the units it lacks and those gone stale."""

    language: str
    missing: tuple[Unit, ...]
    stale: tuple[Unit, ...]
    total: int


def apply_translation(module: Module, catalog: Catalog) -> Module:
    """The module in `catalog.language`: every unit with an up-to-date translation translated, the rest
    left in the source language (see `coverage` for which)."""
    translated = module.model_copy(deep=True)
    units, finish = walk(translated)
    untranslated = 0
    for unit in units:
        target = catalog.current(unit)
        if target is not None and not markup_difference(unit.text, target):  # else refused by coverage_problems
            unit.assign(target)
        else:
            untranslated += 1
    finish()
    _keep_source_names(module, translated)
    translated.config.language = catalog.language
    translated.translated_from = module.config.language
    translated.untranslated = untranslated
    return translated


def coverage(module: Module, catalog: Catalog, units: list[Unit] | None = None) -> Coverage:
    """The units of `module` (`units`, if already extracted) that `catalog` does not translate, or translated
    from an older source text."""
    missing: list[Unit] = []
    stale: list[Unit] = []
    units = units if units is not None else extract_units(module)
    for unit in units:
        entry = catalog.resolve(unit)
        if entry is None or not entry.target:
            missing.append(unit)
        elif entry.stale or entry.source != unit.text:
            stale.append(unit)
    return Coverage(catalog.language, tuple(missing), tuple(stale), len(units))


def coverage_problems(module: Module, catalog: Catalog, untranslated_is_error: bool) -> list[Problem]:
    """One line per missing or stale unit (at the source line), one per broken translation (at the PO line),
    and a count per language."""
    units = extract_units(module)
    found = coverage(module, catalog, units)
    problems: list[Problem] = []
    report = error if untranslated_is_error else warning
    for unit in found.missing:
        problems.append(report(unit.pos, f"no {catalog.language} translation of unit '{unit.id}'",
                               f"translate it in {catalog.file or 'the translation file'} "
                               "(stce-scorm translate export), or build with --allow-untranslated"))
    for unit in found.stale:
        problems.append(report(unit.pos, f"the {catalog.language} translation of unit '{unit.id}' is stale: "
                                         "the source text changed since it was translated",
                               f"export it again (stce-scorm translate export --lang {catalog.language}): it is marked "
                               "needs-review-translation; once reviewed, stce-scorm translate import"))
    for unit in units:
        target = catalog.current(unit)
        if target is None:
            continue
        difference = markup_difference(unit.text, target)
        if difference:
            entry = catalog.resolve(unit)
            problems.append(error(SourcePos(catalog.file, entry.line if entry else 1, 1),
                                  f"the {catalog.language} translation of unit '{unit.id}' {difference}",
                                  "keep the source's markup (links, glossary references, images, bold, tags) "
                                  "and change only the words"))
    if found.missing or found.stale:
        config = module.config
        index = config.translations.index(catalog.language) if catalog.language in config.translations else None
        where = config.field_pos("translations", index) if index is not None else config.field_pos("translations")
        problems.append(report(where, f"{catalog.language}: {len(found.missing)} of {found.total} units untranslated, "
                                      f"{len(found.stale)} stale",
                               f"send them to the translator: stce-scorm translate export {paths.shown(module.root)} "
                               f"--lang {catalog.language}, then translate import; or build with "
                               "--allow-untranslated for a review copy", "translations"))
    return problems


def _keep_source_names(source: Module, translated: Module) -> None:
    """Give each translated glossary term its source names as extra aliases (never shown to learners), so
    text still in the source language (`[[end user]]`, built with --allow-untranslated) keeps its links;
    a name that a translated term already uses is left out."""
    taken = {name.casefold() for term in translated.glossary for name in (term.id, term.term, *term.aliases)}
    for original, term in zip(source.glossary, translated.glossary):
        for name in (original.term, *original.aliases):
            if name.casefold() not in taken:
                term.aliases.append(name)
                taken.add(name.casefold())
