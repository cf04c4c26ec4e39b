"""The manifests: golden bytes, determinism, and the rules of each version."""

from __future__ import annotations

import random

import pytest
from lxml import etree

from stce_scorm.targets import manifest_12, manifest_2004
from stce_scorm.targets import target_for
from stce_scorm.targets.ids import iso_duration

from scorm_fixtures import CONTENT, GOLDEN

FILES = sorted(CONTENT)
LOM = "{http://ltsc.ieee.org/xsd/LOM}"


@pytest.mark.parametrize("version, golden", [("1.2", "manifest_12.xml"), ("2004", "manifest_2004.xml")])
def test_manifest_matches_golden(module, update_golden: bool, version: str, golden: str) -> None:
    """Refresh with `.venv/bin/pytest tests/scorm --update-golden`, then review the diff."""
    actual = target_for(version).build_manifest(module, FILES)
    path = GOLDEN / golden
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual)
    assert path.is_file(), f"{path} is missing: run `.venv/bin/pytest tests/scorm --update-golden`"
    assert actual == path.read_bytes(), f"{golden} changed: review, then run pytest tests/scorm --update-golden"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_is_deterministic_and_lists_every_file_once(module, version: str) -> None:
    shuffled = FILES + ["imsmanifest.xml", "index.html"]
    random.Random(4).shuffle(shuffled)
    first = target_for(version).build_manifest(module, FILES)
    assert target_for(version).build_manifest(module, shuffled) == first
    assert first.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest ')
    root = etree.fromstring(first)
    assert [f.get("href") for f in root.iter("{*}file")] == FILES


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_identifiers_derive_from_the_module_id(module, version: str) -> None:
    root = etree.fromstring(target_for(version).build_manifest(module, FILES))
    assert root.get("identifier") == "dual_use_basics"
    assert root.get("version") == "1.0.0"
    assert root.find("{*}organizations").get("default") == "ORG-dual_use_basics"
    item = root.find("{*}organizations/{*}organization/{*}item")
    assert (item.get("identifier"), item.get("identifierref")) == ("ITEM-dual_use_basics", "RES-dual_use_basics")
    resources = root.findall("{*}resources/{*}resource")
    assert len(resources) == 1 and resources[0].get("href") == "index.html"


def test_12_sco_and_mastery_score(module) -> None:
    root = etree.fromstring(manifest_12.build_manifest(module, FILES))
    assert root.find("{*}resources/{*}resource").get(f"{{{manifest_12.ADLCP}}}scormtype") == "sco"
    assert root.findtext("{*}metadata/{*}schemaversion") == "1.2"
    assert root.findtext(f".//{{{manifest_12.ADLCP}}}masteryscore") == "80"

    without = module.model_copy(deep=True)
    without.config.tracking.write_mastery_score = False
    assert b"masteryscore" not in manifest_12.build_manifest(without, FILES)
    other = module.model_copy(deep=True)
    other.config.tracking.passing_score = 65
    assert b"<adlcp:masteryscore>65</adlcp:masteryscore>" in manifest_12.build_manifest(other, FILES)


def test_2004_sco_lom_and_no_sequencing(module) -> None:
    data = manifest_2004.build_manifest(module, FILES)
    root = etree.fromstring(data)
    assert root.find("{*}resources/{*}resource").get(f"{{{manifest_2004.ADLCP}}}scormType") == "sco"
    assert root.findtext("{*}metadata/{*}schemaversion") == "2004 4th Edition"
    assert b"imsss" not in data and b"masteryscore" not in data
    lom = root.find(f"{{*}}metadata/{LOM}lom")
    assert [etree.QName(c).localname for c in lom] == ["general", "lifeCycle", "technical", "educational"]
    assert lom.findtext(f"{LOM}general/{LOM}title/{LOM}string") == module.config.title
    assert {s.get("language") for s in lom.iter(f"{LOM}string")} == {"en"}
    assert [k.findtext(f"{LOM}string") for k in lom.iter(f"{LOM}keyword")] == module.config.keywords
    assert lom.findtext(f"{LOM}educational/{LOM}typicalLearningTime/{LOM}duration") == "PT15M"
    assert lom.findtext(f"{LOM}lifeCycle/{LOM}version/{LOM}string") == "1.0.0"


def test_language_follows_the_module(module) -> None:
    french = module.model_copy(deep=True)
    french.config.language = "fr"
    assert b'language="fr"' in manifest_2004.build_manifest(french, FILES)
    assert b'xml:lang="fr"' in manifest_12.build_manifest(french, FILES)


@pytest.mark.parametrize("minutes, text", [(15, "PT15M"), (60, "PT1H"), (90, "PT1H30M"), (6000, "PT100H")])
def test_iso_duration(minutes: int, text: str) -> None:
    assert iso_duration(minutes) == text
