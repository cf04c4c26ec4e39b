"""The whole translator workflow on the example module (the one with every block and question type): export XLIFF, translate it in a stand-in CAT tool
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
from stce_scorm.source.loader import load_module

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


def _documents(files: dict[str, bytes]) -> list:
    """Every HTML document of a package: the player page, the all-pages page, and each page fragment."""
    documents = [html.fromstring(files[name].decode("utf-8")) for name in ("index.html", "all-pages.html")]
    documents += [html.fromstring(data["html"]) for data in _fragments(files).values()]
    return documents


def _fragments(files: dict[str, bytes]) -> dict[str, dict]:
    """The page fragments (`pages/*.js`, each `STCE.fragment("id", {...});`), by file name."""
    out = {}
    for name, data in sorted(files.items()):
        if name.startswith("pages/") and name.endswith(".js"):
            text = data.decode("utf-8")
            out[name] = json.loads(text[text.index(", ") + 2:text.rindex(")")])
    return out


def _texts(files: dict[str, bytes]) -> set[str]:
    texts: set[str] = set()
    for page in _documents(files):
        texts |= {" ".join(t.split()) for t in page.xpath("//text()[not(ancestor::script)]")}
        texts |= {" ".join(v.split()) for name in TEXT_ATTRIBUTES for v in page.xpath(f"//@{name}")}
    return {t for t in texts if LETTER.search(t or "")}


def _structure(files: dict[str, bytes]) -> Counter:
    return Counter((element.tag, tuple((name, element.get(name)) for name in STRUCTURE_ATTRIBUTES
                                       if element.get(name) is not None))
                   for page in _documents(files) for element in page.iter()
                   if isinstance(element.tag, str) and element.tag != "html")


def _config(files: dict[str, bytes]) -> dict:
    return json.loads(html.fromstring(files["index.html"].decode("utf-8")).get_element_by_id("stce-config").text)


TEXT_KEYS = {"title", "titles", "text", "description", "html", "fingerprint"}
FILL_IN = {question.id for question in load_module(EXAMPLE_MODULE)[0].all_questions() if question.type == "fill_in"}


def _without_texts(value):
    """Player data with its learner texts taken out: what is left are ids, keys and numbers."""
    if isinstance(value, dict):
        return {k: _without_texts(v) for k, v in value.items() if k not in TEXT_KEYS}
    if isinstance(value, list):
        return [_without_texts(v) for v in value]
    return value


def test_every_learner_facing_string_changed(packages):
    english, french = _texts(packages["en"]), _texts(packages["fr"])
    assert len(english) > 150
    theme, _ = load_theme("wco", EXAMPLE_MODULE, SourcePos(""))
    words_en, words_fr = theme.locale("en"), theme.locale("fr")
    same_in_both_languages = {word for key, word in words_fr.items() if words_en.get(key) == word}  # "Pages"
    assert english & french <= same_in_both_languages


def test_markup_and_ids_did_not_change(packages):
    assert _structure(packages["en"]) == _structure(packages["fr"])
    english, french = (html.fromstring(packages[language]["index.html"].decode()) for language in ("en", "fr"))
    assert french.get("lang") == "fr" and english.get("lang") == "en"
    assert sorted(packages["en"]) == sorted(packages["fr"])  # the same files: pages, media, theme, player


def _typed_answers(fragments: dict[str, dict]) -> dict[str, tuple]:
    """Take out what a fill-in question accepts (its hashed keys, the answer shown after the attempt): the
    learner types it in the package's language, so it is translated."""
    found = {}
    for data in fragments.values():
        for question_id, question in data.get("questions", {}).items():
            if question_id in FILL_IN:
                found[question_id] = (question.pop("keys"), question.pop("reveal", None))
    return found


def test_the_player_data_keeps_ids_and_answer_keys(packages):
    english, french = _config(packages["en"]), _config(packages["fr"])
    assert _without_texts(english) == _without_texts(french)
    assert english["title"] != french["title"]
    fragments_en, fragments_fr = _fragments(packages["en"]), _fragments(packages["fr"])
    typed_en, typed_fr = _typed_answers(fragments_en), _typed_answers(fragments_fr)
    assert set(typed_en) == FILL_IN == set(typed_fr)
    assert all(typed_en[question_id][0] != typed_fr[question_id][0] for question_id in FILL_IN)
    assert _without_texts(fragments_en) == _without_texts(fragments_fr)
    questions_en = {k: v for data in fragments_en.values() for k, v in data.get("questions", {}).items()}
    questions_fr = {k: v for data in fragments_fr.values() for k, v in data.get("questions", {}).items()}
    assert questions_en and set(questions_en) == set(questions_fr)
    for question_id, question in questions_en.items():
        assert question["description"] != questions_fr[question_id]["description"]


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


def _player_texts(value, inside: bool = False) -> set[str]:
    """Every string the player data holds under a text key (titles, descriptions, the UI words), but markup and
    the page ids that pair a title with its page."""
    if isinstance(value, dict):
        return set().union(set(), *(_player_texts(v, inside or k in TEXT_KEYS - {"html", "fingerprint"})
                                    for k, v in value.items() if k not in {"html", "fingerprint"}))
    if isinstance(value, list):
        return set().union(set(), *(_player_texts(v, inside) for v in value))
    is_text = isinstance(value, str) and LETTER.search(value) and not re.fullmatch(r"[a-z0-9_-]+", value)
    return {value} if inside and is_text else set()


def test_every_text_of_the_player_data_changed(packages):
    theme, _ = load_theme("wco", EXAMPLE_MODULE, SourcePos(""))
    words_en, words_fr = theme.locale("en"), theme.locale("fr")
    same_in_both_languages = {word for key, word in words_fr.items() if words_en.get(key) == word}
    english = _player_texts(_config(packages["en"])) | _player_texts(_fragments(packages["en"]))
    french = _player_texts(_config(packages["fr"])) | _player_texts(_fragments(packages["fr"]))
    assert len(english) > 20
    assert english & french <= same_in_both_languages


def test_the_manifest_titles_and_metadata_are_translated(packages):
    from lxml import etree

    def texts(files):
        root = etree.fromstring(files["imsmanifest.xml"])
        return [element.text for element in root.iter() if isinstance(element.tag, str)
                and etree.QName(element).localname in ("title", "string") and any(c.isalpha() for c in element.text or "")]

    english, french = texts(packages["en"]), texts(packages["fr"])
    assert len(english) >= 2 and len(english) == len(french)
    assert all(before != after for before, after in zip(english, french))
