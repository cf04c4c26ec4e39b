"""Pairing a translated copy of a module with its source: units pair by id; what does not pair is named. The
source is the smallest complete module (tests/fixtures/minimal)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from repo_paths import MINIMAL
from stce_scorm.cli import main
from stce_scorm.translate import read_po
from stce_scorm.translate.pairing import pair_folders


@pytest.fixture
def french_copy(tmp_path):
    copy = tmp_path / "fr" / "minimal"
    shutil.copytree(MINIMAL, copy)
    lesson = copy / "lessons/01-dual-use.md"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("# Two uses, one item", "# Deux usages, un seul bien")
    text = text.replace("::: note Why it matters", "::: note Pourquoi c'est important")
    lesson.write_text(text, encoding="utf-8")
    module = copy / "module.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    return copy


def test_units_pair_by_id_and_unchanged_ones_are_listed(french_copy):
    pairing, problems = pair_folders(MINIMAL, french_copy, "fr")
    assert problems == [] and pairing.unpaired == [] and pairing.markup == []
    assert pairing.catalog.entries["lesson/l1_dual_use/p1/title"].target == "Deux usages, un seul bien"
    assert pairing.catalog.entries["lesson/l1_dual_use/p1/3"].target == "Pourquoi c'est important"
    assert "module/title" in {unit.id for unit in pairing.unchanged}


def test_a_split_paragraph_does_not_pair_and_is_named_at_its_line(french_copy):
    lesson = french_copy / "lessons/01-dual-use.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("civil use and a possible military use.\n", "civil use.\n\nAnd a military use.\n"),
                      encoding="utf-8")
    pairing, _ = pair_folders(MINIMAL, french_copy, "fr")
    messages = [str(p) for p in pairing.unpaired]
    assert len(messages) == 1
    assert "lessons/01-dual-use.md:" in messages[0] and "has no counterpart in the source" in messages[0]


def test_a_changed_image_or_an_added_tag_is_refused(french_copy):
    lesson = french_copy / "lessons/01-dual-use.md"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("](media/machine-tool.svg)", "](media/other.svg)")
    text = text.replace("Governments publish", "Les <b>gouvernements</b> publient")
    lesson.write_text(text, encoding="utf-8")
    pairing, _ = pair_folders(MINIMAL, french_copy, "fr")
    messages = sorted(str(p) for p in pairing.markup)
    assert len(messages) == 2
    assert "drops '](media/machine-tool.svg)' and adds '](media/other.svg)'" in messages[0]
    assert "adds '</b>', '<b>'" in messages[1]


def test_a_glossary_reference_by_id_and_added_emphasis_pair(french_copy):
    lesson = french_copy / "lessons/01-dual-use.md"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("Governments publish control lists of the [[dual-use items]]",
                        "Les États publient des listes des [[biens à double usage|dual_use]] *contrôlés*")
    lesson.write_text(text, encoding="utf-8")
    pairing, _ = pair_folders(MINIMAL, french_copy, "fr")
    assert pairing.markup == []
    assert pairing.catalog.entries["lesson/l1_dual_use/lists/1"].target.startswith("Les États publient")


def test_the_pair_command_writes_the_po_file(french_copy, tmp_path):
    source = tmp_path / "en" / "minimal"
    shutil.copytree(MINIMAL, source)
    result = CliRunner().invoke(main, ["translate", "pair", str(source), str(french_copy), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    catalog, problems = read_po(source / "translations/fr.po", "fr")
    assert problems == []
    assert catalog.entries["lesson/l1_dual_use/p1/title"].target == "Deux usages, un seul bien"
    assert "unchanged: module/title" in result.output
