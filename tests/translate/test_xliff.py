"""What a CAT tool receives: XLIFF 1.2, one trans-unit per unit, markup as locked placeholders, notes. Exported from
the smallest complete module (tests/fixtures/minimal)."""

from __future__ import annotations

from lxml import etree

from cat_tool import NS
from repo_paths import MINIMAL
from stce_scorm.source.loader import load_module
from stce_scorm.translate import Catalog, Entry, extract_units
from stce_scorm.translate.xliff import export_xliff


def _export(catalog: Catalog):
    module, _ = load_module(MINIMAL)
    return etree.fromstring(export_xliff(module, catalog, "tests/fixtures/minimal"))


def _unit(root, unit_id: str):
    [unit] = root.xpath(f'//x:trans-unit[@id="{unit_id}"]', namespaces=NS)
    return unit


def test_xliff_1_2_with_languages_and_one_unit_per_text():
    root = _export(Catalog("fr"))
    assert root.get("version") == "1.2" and root.nsmap[None] == NS["x"]
    file = root.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("en", "fr")
    ids = root.xpath("//x:trans-unit/@id", namespaces=NS)
    assert len(ids) == len(set(ids)) == len(extract_units(load_module(MINIMAL)[0])) > 30


def test_markup_travels_in_placeholders_and_the_source_line_in_a_note():
    unit = _unit(_export(Catalog("fr")), "lesson/l1_dual_use/p1/1")
    source = unit.find("x:source", NS)
    assert [ph.text for ph in source.findall("x:ph", NS)] == ["[[", "|dual_use]]"]
    assert "dual-use items" in "".join(source.itertext())
    notes = {note.get("from"): note.text for note in unit.findall("x:note", NS)}
    assert notes["developer"] == "lessons/01-dual-use.md:13"


def test_the_glossary_note_gives_the_agreed_translation_of_the_terms_a_unit_uses():
    catalog = Catalog("fr", {"glossary/dual_use/aliases.0": Entry("dual-use items", "biens à double usage")})
    unit = _unit(_export(catalog), "lesson/l1_dual_use/p1/1")
    notes = {note.get("from"): note.text for note in unit.findall("x:note", NS)}
    assert notes["glossary"] == "Glossary: dual-use items = biens à double usage"


def test_a_translation_is_exported_with_its_state():
    catalog = Catalog("fr", {
        "lesson/l1_dual_use/p1/title": Entry("Two uses, one item", "Deux usages, un seul bien"),
        "lesson/l1_dual_use/lists/title": Entry("Control list", "Liste de contrôle"),  # made from an older text
    })
    root = _export(catalog)
    current = _unit(root, "lesson/l1_dual_use/p1/title").find("x:target", NS)
    stale = _unit(root, "lesson/l1_dual_use/lists/title").find("x:target", NS)
    assert (current.text, current.get("state")) == ("Deux usages, un seul bien", "translated")
    assert (stale.text, stale.get("state")) == ("Liste de contrôle", "needs-review-translation")
    assert _unit(root, "lesson/l1_dual_use/p1/1").find("x:target", NS) is None
