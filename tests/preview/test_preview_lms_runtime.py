"""scorm-again for the preview: packed by npm, checked against the pinned integrity, cached only if it matches.

No network: the tarball comes from `npm pack` of the project's installed copy, which reproduces the published
tarball byte for byte (same integrity as package-lock.json)."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
from pathlib import Path

import pytest

from repo_paths import REPO
from stce_scorm.preview.lms_runtime import (
    RUNTIME_FILES, SCORM_AGAIN_INTEGRITY, SCORM_AGAIN_VERSION, LmsRuntimeError, cached_runtime_dir,
    ensure_scorm_again, install_tarball, integrity_of,
)

INSTALLED = REPO / "node_modules" / "scorm-again"


@pytest.fixture(scope="module")
def tarball(tmp_path_factory) -> Path:
    """scorm-again-3.4.3.tgz, packed by npm from node_modules (no registry involved)."""
    folder = tmp_path_factory.mktemp("packed")
    subprocess.run(["npm", "pack", str(INSTALLED), "--pack-destination", str(folder), "--ignore-scripts"],
                   check=True, capture_output=True, cwd=folder)
    return folder / f"scorm-again-{SCORM_AGAIN_VERSION}.tgz"


def make_tarball(path: Path, members: dict[str, bytes | str]) -> Path:
    """A .tgz with regular files (bytes) and symbolic links (str: the link target)."""
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            if isinstance(content, str):
                info.type, info.linkname = tarfile.SYMTYPE, content
                archive.addfile(info)
            else:
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
    return path


def test_the_pin_matches_the_projects_lock_file():
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["node_modules/scorm-again"]
    assert (entry["version"], entry["integrity"]) == (SCORM_AGAIN_VERSION, SCORM_AGAIN_INTEGRITY)


def test_npm_pack_is_verified_against_the_pin_and_cached(tmp_path, tarball):
    assert integrity_of(tarball) == SCORM_AGAIN_INTEGRITY
    folder = ensure_scorm_again(tmp_path / "cache", spec=str(tarball))
    assert folder == cached_runtime_dir(tmp_path / "cache") == tmp_path / "cache" / "scorm-again-3.4.3"
    for name in RUNTIME_FILES:
        assert (folder / name).read_bytes() == (INSTALLED / "dist" / name).read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == sorted([*RUNTIME_FILES, "LICENSE"])
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["scorm-again-3.4.3"]  # no work folders left
    # Second preview: served from the cache, npm is not even looked for.
    assert ensure_scorm_again(tmp_path / "cache", spec=str(tarball), npm="/nonexistent/npm") == folder


def test_the_cache_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("STCE_SCORM_CACHE", str(tmp_path / "env-cache"))
    assert cached_runtime_dir() == tmp_path / "env-cache" / "scorm-again-3.4.3"


def test_a_wrong_hash_is_rejected_and_nothing_is_cached(tmp_path, tarball):
    wrong = "sha512-" + "A" * 86 + "=="
    with pytest.raises(LmsRuntimeError, match="integrity mismatch") as caught:
        ensure_scorm_again(tmp_path / "cache", spec=str(tarball), integrity=wrong)
    assert SCORM_AGAIN_INTEGRITY in str(caught.value.format_message())  # says what it got
    assert list((tmp_path / "cache").iterdir()) == []


def test_another_package_under_the_same_name_is_rejected(tmp_path):
    impostor = make_tarball(tmp_path / "scorm-again-3.4.3.tgz", {
        "package/package.json": json.dumps({"name": "scorm-again", "version": "3.4.3"}).encode(),
        "package/dist/scorm12.min.js": b"window.Scorm12API = function () {};",
        "package/dist/scorm2004.min.js": b"window.Scorm2004API = function () {};"})
    with pytest.raises(LmsRuntimeError, match="integrity mismatch"):
        ensure_scorm_again(tmp_path / "cache", spec=str(impostor))
    assert list((tmp_path / "cache").iterdir()) == []


def test_links_and_paths_out_of_the_folder_are_never_extracted(tmp_path):
    linked = make_tarball(tmp_path / "linked.tgz", {
        "package/dist/scorm12.min.js": "/etc/passwd", "package/dist/scorm2004.min.js": b"//"})
    with pytest.raises(LmsRuntimeError, match="not a regular file"):
        install_tarball(linked, integrity_of(linked), tmp_path / "target", tmp_path / "staging1")
    assert not (tmp_path / "target").exists()

    escaping = make_tarball(tmp_path / "escaping.tgz", {
        "package/dist/scorm12.min.js": b"//12", "package/dist/scorm2004.min.js": b"//2004",
        "../../escaped.js": b"evil", "/tmp/absolute.js": b"evil", "package/dist/other.js": b"not wanted"})
    install_tarball(escaping, integrity_of(escaping), tmp_path / "target", tmp_path / "work" / "staging")
    assert sorted(p.name for p in (tmp_path / "target").iterdir()) == sorted(RUNTIME_FILES)
    assert (tmp_path / "target" / "scorm12.min.js").read_bytes() == b"//12"
    assert not any(p.name in ("escaped.js", "absolute.js") for p in tmp_path.rglob("*"))
    assert not Path("/tmp/absolute.js").exists()


def test_a_package_without_the_browser_builds_is_refused(tmp_path):
    empty = make_tarball(tmp_path / "empty.tgz", {"package/package.json": b"{}"})
    with pytest.raises(LmsRuntimeError, match="not a scorm-again package"):
        install_tarball(empty, integrity_of(empty), tmp_path / "target", tmp_path / "staging")
    assert not (tmp_path / "target").exists()


def test_without_npm_the_error_says_what_to_do(tmp_path):
    with pytest.raises(LmsRuntimeError, match="npm was not found"):
        ensure_scorm_again(tmp_path / "cache", npm=str(tmp_path / "no-npm"))
    assert [p.name for p in (tmp_path / "cache").iterdir()] == []
