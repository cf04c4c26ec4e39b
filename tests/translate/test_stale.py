"""A unit whose source changed after it was translated: the PO file keeps the text it was translated from
(`#| msgid`), so a reviewer sees what changed, and `check` tells the coordinator how to review it."""

from __future__ import annotations

import re

from click.testing import CliRunner

from cat_tool import translate_file
from stce_scorm.cli import main
from stce_scorm.translate import read_po
from stce_scorm.translate.workflow import export_file, import_file

LESSON = "lessons/01-dual-use.md"
UNIT = "lesson/l1_dual_use/p1/1"
OLD = "We call them [[dual-use items|dual_use]]."
NEW = "We name them [[dual-use items|dual_use]]."


def test_an_imported_stale_unit_keeps_the_text_it_was_translated_from(translated, tmp_path):
    translated.edit(LESSON, OLD, NEW)
    xlf, _ = export_file(translated.path, "fr", tmp_path / "again.xlf")
    import_file(xlf, translated.path)  # the translator left the stale unit for review
    catalog, problems = read_po(translated.path / "translations/fr.po", "fr")
    entry = catalog.entries[UNIT]
    assert not problems and entry.stale
    assert NEW in entry.source and OLD in entry.previous_source and NEW not in entry.previous_source


def test_a_reviewed_unit_is_no_longer_stale(translated, tmp_path):
    translated.edit(LESSON, OLD, NEW)
    xlf, _ = export_file(translated.path, "fr", tmp_path / "again.xlf")
    translate_file(xlf, lambda text: text.upper())  # reviewed: every target rewritten, state "translated"
    import_file(xlf, translated.path)
    catalog, _ = read_po(translated.path / "translations/fr.po", "fr")
    assert not catalog.entries[UNIT].stale and NEW in catalog.entries[UNIT].source


def test_check_says_how_to_review_a_stale_unit(translated):
    translated.edit(LESSON, OLD, NEW)
    result = CliRunner().invoke(main, ["check", str(translated.path)])
    [line] = [line for line in result.output.splitlines() if f"unit '{UNIT}' is stale" in line]
    # The PO file has no fuzzy flag yet (only an import or a pair writes it): the hint names the way that works.
    assert "translate export" in line and "--lang fr" in line and "translate import" in line
    assert "remove the fuzzy flag" not in line


def test_the_count_of_a_language_points_at_it_in_module_yaml_with_a_fix(translated, tmp_path):
    """`build` refuses the language with a count: the error is at the language's entry in module.yaml and says
    what to do, as every error does."""
    translated.edit(LESSON, OLD, NEW)
    result = CliRunner().invoke(main, ["build", str(translated.path), "--lang", "fr", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "fr: 0 of" in line]
    number = translated.line_of("module.yaml", "translations:")
    assert re.match(rf".*module\.yaml:{number}:\d+: error: .*fr: 0 of \d+ units untranslated, 1 stale \(hint: .*"
                    r"translate export .*--lang fr.*--allow-untranslated", line), line
