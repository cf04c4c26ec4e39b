"""The translator workflow's rules: re-export keeps translations, a changed source makes a unit stale,
`check` counts missing and stale units per language, `build` refuses them unless told."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner
from lxml import etree

from cat_tool import NS
from stce_scorm.cli import main

LESSON = "lessons/01-dual-use.md"
CHANGED = "We call them [[dual-use items|dual_use]]."


def invoke(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit), \
            result.output
    return result


def _states(xlf) -> dict[str, str | None]:
    tree = etree.parse(str(xlf))
    return {unit.get("id"): (unit.find("x:target", NS).get("state") if unit.find("x:target", NS) is not None else None)
            for unit in tree.iterfind(".//x:trans-unit", NS)}


def test_a_complete_translation_checks_clean(translated):
    result = invoke("check", str(translated.path))
    assert ": warning:" not in result.output and ": error:" not in result.output
    assert "fr: 34 of 34 units translated, 0 stale" in result.output


def test_reexport_keeps_translations_and_marks_a_changed_source_stale(translated, tmp_path):
    translated.edit(LESSON, CHANGED, "We call such goods [[dual-use items|dual_use]].")
    xlf = tmp_path / "again.xlf"
    invoke("translate", "export", str(translated.path), "--lang", "fr", "--out", str(xlf))
    states = _states(xlf)
    assert states["lesson/l1_dual_use/p1/1"] == "needs-review-translation"
    assert set(states.values()) == {"translated", "needs-review-translation"}
    assert list(states.values()).count("needs-review-translation") == 1


def test_check_reports_missing_and_stale_units_with_lines_and_a_count(translated):
    translated.edit(LESSON, CHANGED, "We call such goods [[dual-use items|dual_use]].")
    translated.edit(LESSON, "# Control lists {#lists}", "# Control lists {#lists}\n\nA new paragraph.")
    result = invoke("check", str(translated.path))
    line = translated.line_of(LESSON, "Many goods have")
    assert (f"{LESSON}:{line}:1: warning: the fr translation of unit 'lesson/l1_dual_use/p1/1' is stale: "
            "the source text changed since it was translated") in result.output
    new = translated.line_of(LESSON, "A new paragraph.")
    assert f"{LESSON}:{new}:1: warning: the fr translation of unit 'lesson/l1_dual_use/lists/1' is stale" \
        in result.output
    # The paragraphs after the new one were renumbered: their translations are found by their source text.
    assert "fr: 0 of 35 units untranslated, 2 stale" in result.output
    assert result.output.count(": warning:") == 3


def test_build_refuses_an_incomplete_language_unless_allowed(translated, tmp_path):
    translated.edit(LESSON, "# Control lists {#lists}", "# Control lists {#lists}\n\nA new paragraph.")
    refused = invoke("build", str(translated.path), "--lang", "fr", "--out", str(tmp_path / "out"), ok=False)
    assert "error: the fr translation of unit 'lesson/l1_dual_use/lists/1' is stale" in refused.output
    assert not (tmp_path / "out").exists()
    invoke("build", str(translated.path), "--lang", "fr", "--out", str(tmp_path / "out"), "--allow-untranslated")
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert built == ["minimal-1.0.0-fr-scorm12.lms-setup.txt", "minimal-1.0.0-fr-scorm12.zip",
                     "minimal-1.0.0-fr-scorm2004.lms-setup.txt", "minimal-1.0.0-fr-scorm2004.zip"]
    with zipfile.ZipFile(tmp_path / "out" / "minimal-1.0.0-fr-scorm12.zip") as archive:
        page = archive.read("index.html").decode()
    assert "Certaines parties de ce module ne sont pas encore traduites" in page
    note = (tmp_path / "out" / "minimal-1.0.0-fr-scorm12.lms-setup.txt").read_text(encoding="utf-8")
    # In the package's language, with CLDR's plural form (Babel)
    assert "TRADUCTION INCOMPLÈTE" in note and "1 texte est encore dans la\nlangue source (en)" in note


def test_an_unknown_language_is_refused(translated, tmp_path):
    result = invoke("build", str(translated.path), "--lang", "es", "--out", str(tmp_path / "out"), ok=False)
    assert "--lang es: the module is not translated into 'es'" in result.output


def test_the_lms_note_names_the_translation_s_own_identifier(translated, tmp_path):
    invoke("build", str(translated.path), "--lang", "fr", "--scorm", "1.2", "--out", str(tmp_path / "out"))
    note = (tmp_path / "out" / "minimal-1.0.0-fr-scorm12.lms-setup.txt").read_text(encoding="utf-8")
    assert ("c’est «\u00a0minimal_fr\u00a0», tiré de\n  l’identifiant du module «\u00a0minimal\u00a0» et de la "
            "langue «\u00a0fr\u00a0»") in note
    assert "TRADUCTION INCOMPLÈTE" not in note
