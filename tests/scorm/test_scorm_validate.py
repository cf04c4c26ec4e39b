"""validate_package: a good package passes, and each class of defect is caught with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from stce_scorm.scorm import schemas
from stce_scorm.scorm import validate
from stce_scorm.scorm.validate import validate_package

from scorm_fixtures import CONTENT, build_files, raw_zip


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_good_package_passes(good_package, npm_schema_dir: Path, version: str) -> None:
    path = good_package(version)
    report = validate_package(path, npm_schema_dir)
    assert report.problems == []
    assert report.ok and report.schema_checked
    assert report.version == version
    assert report.size_bytes == path.stat().st_size


def test_schemas_are_found_without_being_named(good_package) -> None:
    report = validate_package(good_package("2004"))
    assert report.schema_checked and report.ok


def test_missing_schemas_give_a_warning_saying_how(good_package, monkeypatch, tmp_path: Path) -> None:
    path = good_package("1.2")
    monkeypatch.delenv(schemas.SCHEMAS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(schemas, "REPO_ROOT", tmp_path / "repo")
    monkeypatch.setenv("STCE_SCORM_CACHE", str(tmp_path / "empty-cache"))
    report = validate_package(path)
    assert not report.schema_checked and report.ok
    [problem] = report.warnings
    assert "--schemas DIR" in problem.hint and "stce-scorm fetch-schemas" in problem.hint


def _defective(module, version: str, tmp_path: Path, edit) -> Path:
    """A package of `version` whose entries were changed by `edit(files)` after the manifest was built."""
    files = build_files(module, version)
    edit(files)
    return raw_zip(tmp_path / "bad.zip", files)


def _manifest_edit(old: bytes, new: bytes):
    def edit(files: dict[str, bytes]) -> None:
        assert old in files["imsmanifest.xml"]
        files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(old, new, 1)
    return edit


def _add(name: str, data: bytes = b"x"):
    return lambda files: files.__setitem__(name, data)


DEFECTS = {
    "dangling identifierref": (
        _manifest_edit(b'identifierref="RES-dual_use_basics"', b'identifierref="RES-gone"'),
        "identifierref", "identifierref 'RES-gone' names no resource"),
    "missing listed file": (
        lambda files: files.pop("assets/player.js"), "href", "'assets/player.js': no such file"),
    "unlisted file": (_add("assets/extra.js"), "unlisted-file", "listed in no <resource>"),
    "__MACOSX": (_add("__MACOSX/._index.html"), "macosx", "__MACOSX/"),
    "dot file": (_add("media/.DS_Store"), "dot-file", "'.DS_Store'"),
    "unsafe name": (_add("media/Route Map.svg"), "file-name", "unsafe file name 'Route Map.svg'"),
    "dot-dot entry": (_add("../evil.html"), "unsafe-path", "outside the package root"),
    "backslash entry": (_add("media\\x.svg"), "unsafe-path", "backslashes"),
    "duplicate identifier": (
        _manifest_edit(b'identifier="ITEM-dual_use_basics"', b'identifier="ORG-dual_use_basics"'),
        "identifier", "duplicate identifier 'ORG-dual_use_basics'"),
    "identifier starting with a digit": (
        _manifest_edit(b'identifier="ITEM-dual_use_basics"', b'identifier="1item"'),
        "identifier", "'1item' starts with a digit"),
    "malformed XML": (_manifest_edit(b"</organizations>", b"</organisations>"), "manifest-xml", "not well-formed"),
    "remote script src": (
        _add("page.html", b'<p>x</p>\n<script src="https://cdn.example.org/lib.js"></script>'),
        "remote-resource", "src=\"https://cdn.example.org/lib.js"),
    "remote stylesheet": (
        _add("page.html", b'<link rel="stylesheet" href="//fonts.example.org/a.css">'),
        "remote-resource", "<link href"),
    "remote CSS url": (
        _add("assets/more.css", b"@font-face { src: url(https://fonts.example.org/f.woff2); }"),
        "remote-resource", "CSS url()"),
    "remote CSS import": (
        _add("assets/more.css", b'@import "https://fonts.example.org/a.css";'), "remote-resource", "@import"),
    "no SCO": (_manifest_edit(b'scormtype="sco"', b'scormtype="asset"'), "sco", "no SCO"),
    "masteryscore out of range": (
        _manifest_edit(b"<adlcp:masteryscore>80<", b"<adlcp:masteryscore>180<"), "masteryscore", "'180'"),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_defect_is_reported(module, tmp_path: Path, npm_schema_dir: Path, defect: str) -> None:
    edit, key, message = DEFECTS[defect]
    report = validate_package(_defective(module, "1.2", tmp_path, edit), npm_schema_dir)
    matching = [p for p in report.errors if p.key == key and message in p.message]
    assert matching, f"expected a {key!r} error containing {message!r}, got:\n" + "\n".join(map(str, report.problems))
    assert not report.ok
    assert all(p.hint for p in report.problems), "every problem says what to do"


def test_dangling_ref_points_at_the_manifest_line(module, tmp_path: Path, npm_schema_dir: Path) -> None:
    files = build_files(module, "1.2")
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(b'identifierref="RES-dual_use_basics"',
                                                                b'identifierref="RES-gone"')
    line = files["imsmanifest.xml"][: files["imsmanifest.xml"].index(b"RES-gone")].count(b"\n") + 1
    path = raw_zip(tmp_path / "bad.zip", files)
    [problem] = [p for p in validate_package(path, npm_schema_dir).errors if p.key == "identifierref"]
    assert (problem.pos.file, problem.pos.line) == (f"{path}!imsmanifest.xml", line)
    assert str(problem).startswith(f"{path}!imsmanifest.xml:{line}:1: error: identifierref: ")


def test_malformed_xml_reports_line_and_column(module, tmp_path: Path) -> None:
    files = build_files(module, "2004")
    files["imsmanifest.xml"] = b'<?xml version="1.0"?>\n<manifest>\n  <a></b>\n</manifest>\n'
    [problem] = [p for p in validate_package(raw_zip(tmp_path / "bad.zip", files)).errors
                 if p.key == "manifest-xml"]
    assert (problem.pos.line, problem.pos.col) == (3, 10)


def test_wrapper_folder_is_named(module, tmp_path: Path) -> None:
    files = {f"course/{name}": data for name, data in build_files(module, "1.2").items()}
    report = validate_package(raw_zip(tmp_path / "bad.zip", files))
    [problem] = [p for p in report.errors if p.key == "manifest-location"]
    assert "wrapper folder 'course/'" in problem.message
    assert "zip the contents of 'course/'" in problem.hint


def test_unreadable_zip(tmp_path: Path) -> None:
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04 truncated")
    [problem] = validate_package(path).errors
    assert problem.key == "zip" and "not a readable zip" in problem.message


def test_schema_errors_are_reported(module, tmp_path: Path, npm_schema_dir: Path) -> None:
    edit = _manifest_edit(b"<resources>", b"<resources>\n    <bogus/>")
    report = validate_package(_defective(module, "2004", tmp_path, edit), npm_schema_dir)
    assert report.schema_checked
    assert [p.key for p in report.errors] == ["schema"]
    assert "bogus" in report.errors[0].message


def test_plain_links_and_namespaces_are_not_remote_resources(good_package, npm_schema_dir: Path) -> None:
    assert b'<a href="https://' in CONTENT["index.html"] and b'xmlns="http://' in CONTENT["index.html"]
    assert validate_package(good_package("1.2"), npm_schema_dir).problems == []


def test_sequencing_and_several_scos_are_warnings(module, tmp_path: Path, npm_schema_dir: Path) -> None:
    files = build_files(module, "2004")
    manifest = files["imsmanifest.xml"]
    manifest = manifest.replace(
        b'xmlns:adlcp=', b'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:adlcp=', 1)
    manifest = manifest.replace(
        b"</title>\n      </item>",
        b"</title>\n        <imsss:sequencing><imsss:deliveryControls tracked=\"true\"/></imsss:sequencing>"
        b"\n      </item>", 1)
    manifest = manifest.replace(
        b"</resources>",
        b'  <resource identifier="RES-two" type="webcontent" adlcp:scormType="sco" href="index.html"/>\n'
        b"  </resources>", 1)
    files["imsmanifest.xml"] = manifest
    report = validate_package(raw_zip(tmp_path / "seq.zip", files), npm_schema_dir)
    assert report.errors == [], "\n".join(map(str, report.problems))
    assert sorted(p.key for p in report.warnings) == ["sco", "sequencing"]


REMOTE_SAMPLES = [
    'SRC = "//cdn.example.org/a.js"', "<img src='https://x.org/a.png'>", "<LINK rel=x HREF=http://x.org/a.css>",
    "background: URL( https://x.org/a.png )", "@IMPORT url('//x.org/a.css')", "@import 'http://x.org/b.css'",
    'src="/local/a.js"', "src='https:/one-slash'", "url(media/a.png)", "@import 'local.css'", "<a href='//x'>",
    "a // comment and src= on one line", "no resource at all", "",
]


@pytest.mark.parametrize("text", REMOTE_SAMPLES)
def test_the_remote_resource_scan_finds_what_every_pattern_finds(text: str) -> None:
    """The scan skips a file without '//' (in every remote URL the patterns match): the same answer, found
    without reading every byte of a 1,000-page module's pages case-blind four times (a tenth of its build)."""
    found = [(label, match.span()) for label, match in validate._remote_matches(text)]
    expected = [(label, match.span()) for label, pattern in validate.REMOTE_PATTERNS for match in pattern.finditer(text)]
    assert found == expected
    assert bool(found) == (text in REMOTE_SAMPLES[:6])
