"""The player's reserved ids and globals are written once (check/dom_ids.py); this keeps them in step."""

import re

from repo_paths import REPO
from stce_scorm.check.dom_ids import PLAYER_GLOBALS, PLAYER_IDS

RUNTIME = REPO / "stce_scorm" / "runtime"


def test_every_literal_id_in_the_base_templates_is_reserved():
    literal = {m for path in (REPO / "themes").rglob("*.html")
               for m in re.findall(r'\bid="([A-Za-z][\w-]*)"', path.read_text(encoding="utf-8"))}
    assert literal, "no ids found: the pattern is wrong"
    assert literal <= PLAYER_IDS, sorted(literal - PLAYER_IDS)


def test_every_id_the_runtime_looks_up_is_reserved():
    looked_up = {m for path in RUNTIME.glob("*.js")
                 for m in re.findall(r'(?:byId|getElementById)\("([^"]+)"\)', path.read_text(encoding="utf-8"))}
    assert looked_up and looked_up <= PLAYER_IDS, sorted(looked_up - PLAYER_IDS)


def test_every_api_name_and_the_player_namespace_are_reserved_globals():
    names = {m for path in RUNTIME.glob("*.js")
             for m in re.findall(r'apiName: "([^"]+)"', path.read_text(encoding="utf-8"))}
    assert names == {"API", "API_1484_11"}
    assert names | {"STCE"} <= PLAYER_GLOBALS
