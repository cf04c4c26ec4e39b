"""`translate export` as a translation coordinator runs it: only for a language the module declares, and a
file that an XLIFF 1.2 reader other than ours (translate-toolkit's, as CAT tools and Pootle use it) opens."""

from __future__ import annotations

from click.testing import CliRunner
from translate.storage import factory

from stce_scorm.cli import main
from stce_scorm.source.loader import load_module
from stce_scorm.translate.units import extract_units


def test_a_language_the_module_does_not_declare_is_refused_before_anything_is_sent(translated, tmp_path):
    out = tmp_path / "es.xlf"
    result = CliRunner().invoke(main, ["translate", "export", str(translated.path), "--lang", "es", "--out", str(out)])
    assert result.exit_code == 1, result.output
    line = translated.line_of("module.yaml", "translations:")
    assert f"module.yaml:{line}:" in result.output and "'es'" in result.output and "translations" in result.output
    assert not out.exists()


def test_the_file_opens_in_translate_toolkit_with_every_unit_its_notes_and_the_translations(translated, tmp_path):
    """Tools built on translate-toolkit (Pootle, Virtaal, Weblate) take a target without approved="yes" for a
    fuzzy one: an up-to-date translation must read as translated there, a stale one as needing review."""
    translated.edit("lessons/01-dual-use.md", "We call them", "We name them")
    out = tmp_path / "fr.xlf"
    result = CliRunner().invoke(main, ["translate", "export", str(translated.path), "--lang", "fr", "--out", str(out)])
    assert result.exit_code == 0, result.output
    store = factory.getobject(str(out))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "fr")
    module, _ = load_module(translated.path)
    units = {unit.id: unit for unit in extract_units(module)}
    ids = [unit.getid().split("\x04")[-1] for unit in store.units]  # translate-toolkit prefixes the file's name
    assert ids == list(units)
    stale = "lesson/l1_dual_use/p1/1"
    for unit_id, unit in zip(ids, store.units):
        assert unit.target
        if unit_id == stale:
            assert unit.isfuzzy() and unit.isreview() and not unit.istranslated()
        else:
            assert unit.istranslated() and not unit.isfuzzy(), unit_id
        assert unit.getnotes("developer").endswith(f":{units[unit_id].pos.line}")


def test_a_file_that_cannot_be_written_is_an_error_not_a_traceback(translated, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "fr.xlf"
    result = CliRunner().invoke(main, ["translate", "export", str(translated.path), "--lang", "fr", "--out", str(out)])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert f"{out}: error: cannot write the file" in result.output and "(hint: " in result.output
