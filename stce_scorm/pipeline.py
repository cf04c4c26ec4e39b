"""The pipeline: load -> check -> render -> package -> verify, once per output target.

Everything is read and checked before anything is written (MkDocs' rule): a module with an
error leaves the output folder untouched. The player data is derived once and the content is
rendered once; each target (targets/) adds its runtime adapter and manifest. Packages are built
and verified in a temporary folder, and only moved into place once every requested target has passed.
"""

from __future__ import annotations

import functools
import gc
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ParamSpec, TypeVar

from stce_scorm.check import check_module
from stce_scorm.check.items import check_items
from stce_scorm.errors import ModuleError, PackageError, Problem, SourcePos, error
from stce_scorm.lms_notes import lms_notes
from stce_scorm.player import PlayerContract, player_contract
from stce_scorm.render.site import PLAYER_SCRIPT, player_script, render_module
from stce_scorm.render.theme import Theme, load_theme
from stce_scorm.scorm.package import package_file_name, write_package
from stce_scorm.scorm.validate import validate_package
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Module
from stce_scorm.targets import Target, target_for
from stce_scorm.user_cache import default_cache_dir

P = ParamSpec("P")
R = TypeVar("R")



@dataclass(frozen=True)
class BuiltPackage:
    version: str
    path: Path
    notes_path: Path
    size_bytes: int
    schema_checked: bool


@dataclass
class BuildResult:
    packages: list[BuiltPackage] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    title: str = ""  # the module's, for callers that show it (the preview) without loading it again


@dataclass(frozen=True)
class CheckedModule:
    """A module that passed every check, with what was derived from it once for the stages after."""

    module: Module
    player: PlayerContract
    theme: Theme
    warnings: list[Problem]


def load_and_check(module_dir: Path, versions: list[str] | None = None,
                   translations: bool = False) -> tuple[Module, list[Problem]]:
    """Load and check a module (and, with `translations`, every declared translation's coverage);
    raise ModuleError with every problem if any is an error."""
    checked = check_sources(module_dir, versions, translations)
    return checked.module, checked.warnings


def check_sources(module_dir: Path, versions: list[str] | None = None, translations: bool = False) -> CheckedModule:
    """Load and check a module, deriving its player data and loading its theme once for every stage after;
    with `translations` (what `check` asks), also every declared translation (build checks the ones it makes)."""
    module, problems = load_module(Path(module_dir))
    return check_loaded(module, problems, versions, translations)


def check_loaded(module: Module | None, problems: list[Problem], versions: list[str] | None = None,
                 translations: bool = False) -> CheckedModule:
    """`check_sources` for a module already loaded with `problems` (the preview re-loads a saved lesson alone)."""
    # Checks compare files with each other: with a file that failed to load they would report
    # follow-on errors ("objective not defined", "no assessment") before the root cause.
    if module is not None and not any(p.severity == "error" for p in problems):
        player = player_contract(module)
        problems = problems + check_module(module, versions, player) + check_items(module)
        theme, theme_problems = load_theme(module.config.theme, module.root, module.config.field_pos("theme"))
        problems += theme_problems
        if translations and not any(p.severity == "error" for p in problems):
            from stce_scorm.translate.editions import translation_warnings

            problems += translation_warnings(module, problems)
    if module is None or any(p.severity == "error" for p in problems) or theme is None:
        raise ModuleError(problems)
    return CheckedModule(module, player, theme, problems)


def _without_cycle_collection(work: Callable[P, R]) -> Callable[P, R]:
    """Run `work` with Python's cyclic garbage collector paused. A build allocates hundreds of thousands of
    objects that live until it ends (tokens, models, pages), almost none of them in cycles, and the collector
    kept walking them all: a sixth of the 1,000-page module's warm build, for 2% more peak memory.
    What the build leaves alive then joins the oldest generation at once: left in the youngest (where the
    paused collector keeps every new object), the first collection after the build walked all of them
    (0.1-0.3 s after a 1,000-page build) only to move them on."""
    @functools.wraps(work)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return work(*args, **kwargs)
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            frozen_before = gc.get_freeze_count() > 0  # frozen by the caller on purpose: leave them so
            if not frozen_before:
                gc.freeze()  # every object the collector tracks, out of its generations...
            gc.enable()
            if not frozen_before:
                gc.unfreeze()  # ...and back, into the oldest, which only full collections walk
    return paused


@_without_cycle_collection
def build(module_dir: Path, out_dir: Path = Path("build"), versions: list[str] | None = None,
          schema_dir: Path | None = None, cache_dir: Path | None = None, languages: list[str] | None = None,
          allow_untranslated: bool = False) -> BuildResult:
    """Build one package per language and output target (`versions`, default: module.yaml's) into `out_dir`;
    all of them, or none."""
    from stce_scorm.translate.editions import declared_languages, editions

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ModuleError([error(SourcePos(str(out_dir)), "--out names a file, not a folder",
                                 "give a folder for the packages, e.g. --out build")])
    checked = check_sources(module_dir, versions)
    module, player, warnings = checked.module, checked.player, list(checked.warnings)
    translated, found = editions(module, languages or declared_languages(module), allow_untranslated, versions)
    if any(p.severity == "error" for p in found):
        raise ModuleError(warnings + found)
    warnings += found
    targets = [target_for(name) for name in versions or module.config.scorm]
    rendered = []
    for edition in translated:  # the module in each language, rendered once for every target
        contract = player if edition is module else player_contract(edition)
        rendered.append((edition, contract, render_module(edition, checked.theme, image_cache(cache_dir), contract,
                                                          template_cache(cache_dir))))

    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        return _package(rendered, targets, out_dir, schema_dir,
                        BuildResult(warnings=warnings, title=module.config.title))
    except BaseException:
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()  # a failed build leaves nothing behind, not even an empty folder
        raise


def package_files(module_dir: Path, versions: list[str] | None = None, cache_dir: Path | None = None
                  ) -> tuple[Module, dict[str, dict[str, bytes]], list[Problem]]:
    """Every file of each target's package in the module's own language, manifest included, without
    zipping or verifying: what `preview` serves after each save, where a zip and its validation would
    only slow the loop down. The player script is served as written, not minified, for debugging."""
    checked = check_sources(module_dir, versions, translations=False)
    site = render_module(checked.module, checked.theme, image_cache(cache_dir), checked.player,
                         template_cache(cache_dir))
    return checked.module, target_files(checked.module, site, versions), checked.warnings


def image_cache(cache_dir: Path | None) -> Path:
    """Where processed images are cached, under `cache_dir` (default: the user's cache)."""
    return (cache_dir or default_cache_dir()) / "images"


def template_cache(cache_dir: Path | None) -> Path:
    """Where compiled theme templates are kept between builds, under `cache_dir` (default: the user's cache)."""
    return (cache_dir or default_cache_dir()) / "templates"


def target_files(module: Module, site: dict[str, bytes], versions: list[str] | None = None
                 ) -> dict[str, dict[str, bytes]]:
    """Each target's package files: the rendered `site` plus the target's runtime and manifest."""
    packages: dict[str, dict[str, bytes]] = {}
    for target in [target_for(name) for name in versions or module.config.scorm]:
        files = {**site, PLAYER_SCRIPT: player_script(target.tracker_files, readable=True)}
        packages[target.name] = {**files, "imsmanifest.xml": target.build_manifest(module, sorted(files))}
    return packages


def _package(rendered: list[tuple[Module, PlayerContract, dict[str, bytes]]], targets: list[Target], out_dir: Path,
             schema_dir: Path | None, result: BuildResult) -> BuildResult:
    """Zip, verify and move into place every language's and target's package: all of them, or none."""
    with tempfile.TemporaryDirectory(prefix=".stce-build-", dir=out_dir) as staging:
        staged: list[tuple[Path, Path, Target, bool]] = []
        for module, player, site, target in [(m, p, s, t) for m, p, s in rendered for t in targets]:
            files = {**site, PLAYER_SCRIPT: player_script(target.tracker_files)}  # the site plus its tracker
            manifest = target.build_manifest(module, sorted(files))
            name = package_file_name(module, target)
            package = write_package({**files, "imsmanifest.xml": manifest}, Path(staging) / name)
            report = validate_package(package, schema_dir)
            found = [replace(p, pos=replace(p.pos, file=p.pos.file.replace(staging, str(out_dir))))
                     for p in report.problems]  # named where the package will be, not in the temporary folder
            errors = [p for p in found if p.severity == "error"]
            if errors:
                raise PackageError(out_dir / name, errors)
            result.warnings += [p for p in found if p.severity == "warning"]
            notes = Path(staging) / (name.removesuffix(".zip") + ".lms-setup.txt")
            notes.write_text(lms_notes(module, target, name, player), encoding="utf-8")
            staged.append((package, notes, target, report.schema_checked))
        for package, notes, target, schema_checked in staged:
            final = out_dir / package.name
            os.replace(package, final)
            final_notes = out_dir / notes.name
            os.replace(notes, final_notes)
            result.packages.append(BuiltPackage(target.name, final, final_notes, final.stat().st_size, schema_checked))
    return result
