"""The whole translator workflow on the example module: export XLIFF, translate it in a stand-in CAT tool
(every word changed, every placeholder kept), import, build, and compare the French package with the
English one: every learner-facing string changed, the markup, ids and answer keys did not."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections import Counter

import pytest
from click.testing import CliRunner
from lxml import html

from cat_tool import translate_file
from pseudo import _TABLE
from repo_paths import EXAMPLE_MODULE
from stce_scorm.cli import main
from stce_scorm.errors import SourcePos
from stce_scorm.render.theme import load_theme

LETTER = re.compile(r"[A-Za-z]")
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
STRUCTURE_ATTRIBUTES = ("id", "class", "href", "src", "for", "name", "type", "role", "hidden", "lang", "dir")


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """The example module translated through XLIFF and built: language -> package files, SCORM 1.2."""
    work = tmp_path_factory.mktemp("round_trip")
    module = work / "dual_use_basics"
    shutil.copytree(EXAMPLE_MODULE, module)
    config = module / "module.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: en\ntranslations: [fr]\n"),
                      encoding="utf-8")
    xlf = work / "fr.xlf"
    invoke("translate", "export", str(module), "--lang", "fr", "--out", str(xlf))
    translate_file(xlf, lambda text: text.translate(_TABLE))
    invoke("translate", "import", str(xlf), "--module", str(module))
    invoke("build", str(module), "--scorm", "1.2", "--out", str(work / "out"))
    out = {}
    for language in ("en", "fr"):
        with zipfile.ZipFile(work / "out" / f"dual_use_basics-1.0.0-{language}-scorm12.zip") as archive:
            out[language] = {name: archive.read(name) for name in archive.namelist()}
    return out


def _page(files: dict[str, bytes]):
    return html.fromstring(files["index.html"].decode("utf-8"))


def _texts(page) -> set[str]:
    texts = {" ".join(t.split()) for t in page.xpath("//body//text()[not(ancestor::script)]")}
    texts |= {" ".join(v.split()) for name in TEXT_ATTRIBUTES for v in page.xpath(f"//body//@{name}")}
    texts.add(page.findtext(".//title"))
    return {t for t in texts if LETTER.search(t or "")}


def _structure(page) -> Counter:
    return Counter((element.tag, tuple((name, element.get(name)) for name in STRUCTURE_ATTRIBUTES
                                       if element.get(name) is not None))
                   for element in page.iter() if isinstance(element.tag, str) and element.tag != "html")


def _config(page) -> dict:
    return json.loads(page.get_element_by_id("stce-config").text)


def test_every_learner_facing_string_changed(packages):
    english, french = _texts(_page(packages["en"])), _texts(_page(packages["fr"]))
    assert len(english) > 150
    theme, _ = load_theme("wco", EXAMPLE_MODULE, SourcePos(""))
    words_en, words_fr = theme.locale("en"), theme.locale("fr")
    same_in_both_languages = {word for key, word in words_fr.items() if words_en.get(key) == word}  # "Pages"
    assert english & french <= same_in_both_languages


def test_markup_and_ids_did_not_change(packages):
    english, french = _page(packages["en"]), _page(packages["fr"])
    assert _structure(english) - Counter({("html", ())}) == _structure(french)
    assert french.get("lang") == "fr" and english.get("lang") == "en"
    assert sorted(packages["en"]) == sorted(packages["fr"])  # the same files: media, theme, player


def test_the_player_data_keeps_ids_and_answer_keys(packages):
    english, french = _config(_page(packages["en"])), _config(_page(packages["fr"]))
    assert english["pages"] == french["pages"] and english["checks"] == french["checks"]
    for question_id, question in english["questions"].items():
        other = french["questions"][question_id]
        assert {k: v for k, v in question.items() if k != "description"} == \
            {k: v for k, v in other.items() if k != "description"}
        assert question["description"] != other["description"]


def test_the_french_package_has_its_own_lms_identifiers_and_language(packages):
    english = packages["en"]["imsmanifest.xml"].decode()
    french = packages["fr"]["imsmanifest.xml"].decode()
    assert 'identifier="dual_use_basics"' in english and 'identifier="ITEM-dual_use_basics"' in english
    assert 'identifier="dual_use_basics_fr"' in french and 'identifier="ITEM-dual_use_basics_fr"' in french
    assert re.search(r"<(\w+:)?language>fr</(\w+:)?language>", french)


def test_diagram_words_are_translated_and_the_drawing_is_not(packages):
    from lxml import etree

    [name] = [n for n in packages["en"] if n.endswith(".svg")]
    english, french = (etree.fromstring(packages[language][name]) for language in ("en", "fr"))
    shape = [(e.tag, dict(e.attrib)) for e in english.iter()]
    assert shape == [(e.tag, dict(e.attrib)) for e in french.iter()]
    words = [(a.text, b.text) for a, b in zip(english.iter(), french.iter()) if a.text and LETTER.search(a.text)]
    assert words and all(before != after for before, after in words)
