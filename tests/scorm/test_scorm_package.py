"""The package zip: same bytes every time, and never half-written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from stce_scorm.errors import PackageError
from stce_scorm.scorm.package import STORED_SUFFIXES, package_file_name, write_package
from stce_scorm.targets import target_for

from scorm_fixtures import build_files


def test_same_files_give_the_same_bytes(module, tmp_path: Path) -> None:
    files = build_files(module, "1.2")
    first = write_package(files, tmp_path / "a" / "pkg.zip").read_bytes()
    second = write_package(dict(reversed(list(files.items()))), tmp_path / "b" / "pkg.zip").read_bytes()
    assert first == second


def test_entries_are_sorted_with_fixed_metadata(module, tmp_path: Path) -> None:
    files = build_files(module, "2004")
    with zipfile.ZipFile(write_package(files, tmp_path / "pkg.zip")) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["imsmanifest.xml"] + sorted(set(files) - {"imsmanifest.xml"})
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr == 0o644 << 16
            assert info.create_system == 3
            assert info.compress_type == (zipfile.ZIP_STORED if info.filename.endswith(STORED_SUFFIXES)
                                          else zipfile.ZIP_DEFLATED)
            # ASCII names read alike in every unzip tool: no UTF-8 name flag (and no private zipfile override)
            assert info.filename.isascii() and not info.flag_bits & 0x800
            assert "\\" not in info.filename
        assert archive.read("index.html") == files["index.html"]


def test_compressed_media_are_stored_and_text_is_deflated(tmp_path: Path) -> None:
    """A JPEG, PNG, font, video or PDF is compressed already: deflating it again cost a sixth of a large
    module's build and saved under 2%, so it is stored as it is; text is deflated."""
    photo = bytes(range(256)) * 64
    files = {"imsmanifest.xml": b"<manifest/>", "index.html": b"<p>page</p>" * 100, "media/photo.jpg": photo,
             "media/chart.PNG": photo, "theme/font.woff2": photo, "media/clip.mp4": photo, "docs/aid.pdf": photo}
    with zipfile.ZipFile(write_package(files, tmp_path / "pkg.zip")) as archive:
        methods = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.testzip() is None
        assert all(archive.read(name) == data for name, data in files.items())
    assert methods == {"imsmanifest.xml": zipfile.ZIP_DEFLATED, "index.html": zipfile.ZIP_DEFLATED,
                       "media/photo.jpg": zipfile.ZIP_STORED, "media/chart.PNG": zipfile.ZIP_STORED,
                       "theme/font.woff2": zipfile.ZIP_STORED, "media/clip.mp4": zipfile.ZIP_STORED,
                       "docs/aid.pdf": zipfile.ZIP_STORED}


def test_failure_mid_write_keeps_the_previous_package(tmp_path: Path) -> None:
    dest = tmp_path / "pkg.zip"
    write_package({"imsmanifest.xml": b"<manifest/>", "index.html": b"old"}, dest)
    before = dest.read_bytes()
    broken = {"imsmanifest.xml": b"<manifest/>", "index.html": b"new", "z.txt": "not bytes"}
    with pytest.raises(TypeError, match="z.txt"):
        write_package(broken, dest)  # type: ignore[arg-type]
    assert dest.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg.zip"], "no temporary file left"


@pytest.mark.parametrize("name", ["../evil.html", "/abs.html", "a\\b.html", "a//b.html", "C:/x.html", "./x.html"])
def test_unsafe_paths_are_refused_before_writing(tmp_path: Path, name: str) -> None:
    with pytest.raises(PackageError) as caught:
        write_package({"index.html": b"x", name: b"x"}, tmp_path / "pkg.zip")
    assert "unsafe package path" in caught.value.format_message()
    assert list(tmp_path.iterdir()) == []


def test_package_file_name(module) -> None:
    assert package_file_name(module, target_for("1.2")) == "dual_use_basics-1.0.0-en-scorm12.zip"
    assert package_file_name(module, target_for("2004")) == "dual_use_basics-1.0.0-en-scorm2004.zip"
    canadian = module.model_copy(deep=True)
    canadian.config.language = "fr-CA"
    assert package_file_name(canadian, target_for("1.2")) == "dual_use_basics-1.0.0-fr-ca-scorm12.zip"


def test_a_name_that_is_not_ascii_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackageError) as raised:
        write_package({"imsmanifest.xml": b"<manifest/>", "media/caf\u00e9.png": b"x"}, tmp_path / "pkg.zip")
    assert [p.message for p in raised.value.problems] == ["unsafe package path 'media/caf\u00e9.png'"]
    assert list(tmp_path.iterdir()) == []
