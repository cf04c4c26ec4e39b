"""Pages in fragments (render/fragments.py): how lessons are cut into parts, what index.html keeps of each
question, and that a built package holds every fragment its page layout names, each calling the player
with its own name."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from repo_paths import EXAMPLE_MODULE
from stce_scorm import build
from stce_scorm.render.fragments import Part, delivery_data, details, fragment_script, lesson_parts, shape


def test_a_lesson_is_cut_in_order_into_parts_within_the_budget():
    pages = [("l-a", 5), ("l-b", 5), ("l-c", 5), ("l-d", 30), ("l-e", 1)]
    parts = lesson_parts("l", pages, budget=10)
    assert [part.anchors for part in parts] == [("l-a", "l-b"), ("l-c",), ("l-d",), ("l-e",)]
    assert [part.name for part in parts] == ["l-1", "l-2", "l-3", "l-4"]
    assert [p.anchors for p in lesson_parts("l", pages, first_alone=True, budget=10)][:2] == [("l-a",), ("l-b", "l-c")]


def test_index_keeps_a_question_shape_and_its_fragment_the_rest():
    scenario = {"id": "s", "type": "scenario", "covers": {"r": 1}, "questions": [
        {"id": "q1", "type": "single_choice", "choices": ["a", "b"], "salt": "00", "keys": ["k"], "points": 1},
        {"id": "q2", "type": "matching", "pairs": ["x", "y"], "salt": "01", "keys": ["m"], "branch": "end"}]}
    assert shape(scenario) == {"id": "s", "type": "scenario", "covers": {"r": 1}, "questions": [
        {"id": "q1", "type": "single_choice", "choices": ["a", "b"]}, {"id": "q2", "type": "matching", "pairs": ["x", "y"]}]}
    assert details(scenario) == {"q1": {"salt": "00", "keys": ["k"], "points": 1},
                                 "q2": {"salt": "01", "keys": ["m"], "branch": "end"}}


def test_the_page_list_becomes_a_layout_and_checks_follow_their_page():
    data = {"pages": [{"anchor": "l-a", "kind": "lesson", "checks": []}, {"anchor": "l-b", "kind": "lesson", "checks": ["kc"]},
                      {"anchor": "glossary", "kind": "glossary", "checks": []}],
            "questions": {"kc": {"id": "kc", "type": "true_false", "salt": "00", "keys": ["k"]}},
            "assessments": [], "title": "t"}
    parts = [Part("l", 1, ("l-a",)), Part("l", 2, ("l-b",))]
    delivered, per_fragment = delivery_data(data, [("l", ["a", "b"])], parts, parts[0])
    assert delivered["layout"] == {"lessons": [["l", "a b", [0, 1]]], "checks": {"l-b": ["kc"]},
                                   "after": [["glossary", "glossary"]], "inline": "l-1"}
    assert "pages" not in delivered and delivered["questions"] == {"kc": {"id": "kc", "type": "true_false"}}
    assert per_fragment == {"l-2": {"kc": {"salt": "00", "keys": ["k"]}}}


def test_a_fragment_is_one_call_with_its_name():
    script = fragment_script("l-2", {"html": "<p>\u2028</p>", "questions": {}}).decode()
    assert script == 'STCE.fragment("l-2", {"html":"<p>\\u2028</p>","questions":{}});\n'


def test_the_package_holds_every_fragment_its_layout_names(tmp_path: Path):
    [package] = build(EXAMPLE_MODULE, tmp_path / "out", versions=["2004"], cache_dir=tmp_path / "cache").packages
    with zipfile.ZipFile(package.path) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    config = json.loads(re.search(r'id="stce-config">(.*?)</script>', files["index.html"], re.S).group(1))
    layout = config["layout"]
    named = {f"{lesson}-{n}" for lesson, _, starts in layout["lessons"] for n in range(1, len(starts) + 1)}
    named = (named - {layout["inline"]}) | {anchor for anchor, _ in layout["after"]}
    fragments = {name.removeprefix("pages/").removesuffix(".js") for name in files if name.startswith("pages/")}
    assert fragments == named
    for name in fragments:
        assert files[f"pages/{name}.js"].startswith(f'STCE.fragment("{name}", {{')
    assert 'href="all-pages.html"' in files["index.html"]
