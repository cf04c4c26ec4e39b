"""`translate import` as a coordinator runs it when the file comes back, maybe in another folder than the one
the file was exported from."""

from __future__ import annotations

from click.testing import CliRunner

from stce_scorm.cli import main
from stce_scorm.translate.workflow import export_file


def test_a_file_whose_module_folder_is_not_here_asks_for_module(translated, tmp_path):
    xlf, _ = export_file(translated.path, "fr", tmp_path / "fr.xlf")
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(f'original="{translated.path}"', 'original="elsewhere/m"'),
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["translate", "import", str(xlf)])
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if ": error:" in line]
    assert line.startswith(f"{xlf}:") and "'elsewhere/m'" in line and "--module" in line
    assert "Traceback" not in result.output


def _segmented(xlf, wrapper: str) -> None:
    """What a CAT tool that segments sentences writes back: each target's content inside an element."""
    from lxml import etree

    from cat_tool import NS

    tree = etree.parse(str(xlf))
    for target in tree.iterfind(".//x:target", NS):
        marker = etree.SubElement(target, f"{{{NS['x']}}}{wrapper}", {"mtype": "seg", "mid": "1"} if wrapper == "mrk"
                                  else {"id": "g1"})
        marker.text, target.text = target.text, None
        for child in list(target):
            if child is not marker:
                marker.append(child)
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")


def test_a_target_in_segment_markers_is_read_as_its_words_and_placeholders(translated, tmp_path):
    from stce_scorm.translate import read_po

    before, _ = read_po(translated.path / "translations/fr.po", "fr")
    xlf, _ = export_file(translated.path, "fr", tmp_path / "fr.xlf")
    _segmented(xlf, "mrk")  # <mrk mtype="seg">: a marker, which holds text and placeholders and adds nothing
    result = CliRunner().invoke(main, ["translate", "import", str(xlf), "--module", str(translated.path)])
    assert result.exit_code == 0, result.output
    after, _ = read_po(translated.path / "translations/fr.po", "fr")
    assert {k: e.target for k, e in after.entries.items()} == {k: e.target for k, e in before.entries.items()}


def test_an_element_that_is_not_a_marker_or_a_placeholder_is_still_refused(translated, tmp_path):
    xlf, _ = export_file(translated.path, "fr", tmp_path / "fr.xlf")
    _segmented(xlf, "g")  # <g>: paired inline code, which the source never had
    result = CliRunner().invoke(main, ["translate", "import", str(xlf), "--module", str(translated.path)])
    assert result.exit_code == 1 and "unexpected <g> element" in result.output, result.output


def test_a_placeholder_written_back_empty_takes_its_code_from_the_source(translated, tmp_path):
    """Some CAT tools write a placeholder back as <ph id="1"/>: its code is the source's in any case."""
    from lxml import etree

    from cat_tool import NS
    from stce_scorm.translate import read_po

    before, _ = read_po(translated.path / "translations/fr.po", "fr")
    xlf, _ = export_file(translated.path, "fr", tmp_path / "fr.xlf")
    tree = etree.parse(str(xlf))
    emptied = 0
    for placeholder in tree.iterfind(".//x:target/x:ph", NS):
        placeholder.text, emptied = None, emptied + 1
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    result = CliRunner().invoke(main, ["translate", "import", str(xlf), "--module", str(translated.path)])
    assert emptied >= 4 and result.exit_code == 0, result.output
    after, _ = read_po(translated.path / "translations/fr.po", "fr")
    assert {k: e.target for k, e in after.entries.items()} == {k: e.target for k, e in before.entries.items()}


def test_a_translator_may_isolate_a_latin_term_with_bdi(translated, tmp_path):
    """An Arabic translator types <bdi>…</bdi> around a Latin term with figures (in a CAT tool, as text)."""
    from lxml import etree

    from cat_tool import NS
    from stce_scorm.translate import read_po

    xlf, _ = export_file(translated.path, "fr", tmp_path / "fr.xlf")
    tree = etree.parse(str(xlf))
    [target] = tree.xpath('//x:trans-unit[@id="lesson/l1_dual_use/p1/1"]/x:target', namespaces=NS)
    target.text = "<bdi>UNSCR 1540 (2004)</bdi> " + target.text
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    result = CliRunner().invoke(main, ["translate", "import", str(xlf), "--module", str(translated.path)])
    assert result.exit_code == 0, result.output
    catalog, _ = read_po(translated.path / "translations/fr.po", "fr")
    assert catalog.entries["lesson/l1_dual_use/p1/1"].target.startswith("<bdi>UNSCR 1540 (2004)</bdi> ")
