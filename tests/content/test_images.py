"""Images: metadata stripped, downscaled, cached atomically; SVGs checked line by line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from stce_scorm.errors import ModuleError, SourcePos
from stce_scorm import atomic_write
from stce_scorm.content import raster
from stce_scorm.content.images import image_problems, process_image, svg_problems

GPS_IFD = 0x8825


def make_jpeg_with_gps(path: Path, size=(3200, 2400)) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (51.0, 30.0, 0.0)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (4.0, 20.0, 0.0)
    Image.new("RGB", size, (200, 120, 40)).save(path, "JPEG", exif=exif, comment=b"taken at home")
    with Image.open(path) as check:  # the fixture really carries what we strip
        assert check.getexif().get_ifd(GPS_IFD)


def make_png_with_text(path: Path, size=(40, 30)) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone Private")
    Image.new("RGBA", size, (0, 128, 255, 128)).save(path, "PNG", pnginfo=info)


def reopen(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


# --- rasters ---------------------------------------------------------------------------------

def test_large_photo_is_downscaled_and_loses_exif_and_gps(tmp_path):
    source = tmp_path / "Field Photo.JPG"
    make_jpeg_with_gps(source)
    result = process_image(source, tmp_path / "cache", max_width=1600)
    assert (result.name, result.media_type) == ("field-photo.jpg", "image/jpeg")
    assert (result.width, result.height) == (1600, 1200)
    with reopen(result.data) as out:
        assert out.format == "JPEG" and out.size == (1600, 1200)
        assert not out.getexif() and not out.getexif().get_ifd(GPS_IFD)
        assert "exif" not in out.info and "comment" not in out.info and "icc_profile" not in out.info
    assert b"PhoneMaker" not in result.data and b"taken at home" not in result.data


def test_exif_orientation_is_applied(tmp_path):
    source = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    Image.new("RGB", (200, 100)).save(source, exif=exif)
    result = process_image(source, tmp_path / "cache")
    assert (result.width, result.height) == (100, 200)


def test_png_text_chunk_is_dropped_and_small_image_not_upscaled(tmp_path):
    source = tmp_path / "diagram.png"
    make_png_with_text(source)
    result = process_image(source, tmp_path / "cache", max_width=1600)
    assert (result.name, result.width, result.height) == ("diagram.png", 40, 30)
    with reopen(result.data) as out:
        assert out.size == (40, 30) and out.mode == "RGBA"
        assert not out.text and "Author" not in out.info
    assert b"tEXt" not in result.data and b"Someone Private" not in result.data
    assert b"tIME" not in result.data


def test_srgb_profile_is_dropped(tmp_path):
    source = tmp_path / "tagged.png"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (10, 10), (10, 20, 30)).save(source, icc_profile=srgb)
    with reopen(process_image(source, tmp_path / "cache").data) as out:
        assert "icc_profile" not in out.info and out.getpixel((0, 0)) == (10, 20, 30)


def test_bmp_is_converted_to_png_and_name_follows(tmp_path):
    source = tmp_path / "Old Scan.bmp"
    Image.new("RGB", (20, 10), "red").save(source, "BMP")
    result = process_image(source, tmp_path / "cache")
    assert (result.name, result.media_type) == ("old-scan.png", "image/png")
    with reopen(result.data) as out:
        assert out.format == "PNG"


def test_animated_gif_keeps_its_frames_and_timing_but_not_its_comment(tmp_path):
    source = tmp_path / "blink.gif"
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("red", "green", "blue")]
    frames[0].save(source, save_all=True, append_images=frames[1:], duration=[100, 200, 300],
                   loop=0, comment=b"made by someone")
    result = process_image(source, tmp_path / "cache")
    with reopen(result.data) as out:
        assert out.format == "GIF" and out.n_frames == 3 and "comment" not in out.info
        assert frame_timings(out) == [(100, (255, 0, 0)), (200, (0, 128, 0)), (300, (0, 0, 255))]


def test_animated_webp_is_downscaled_frame_by_frame_keeping_its_timing(tmp_path):
    source = tmp_path / "spin.webp"
    frames = [Image.new("RGB", (400, 200), colour) for colour in ("red", "blue")]
    frames[0].save(source, save_all=True, append_images=frames[1:], duration=[70, 90], loop=0, lossless=True)
    result = process_image(source, tmp_path / "cache", max_width=100)
    assert (result.width, result.height) == (100, 50)
    with reopen(result.data) as out:
        assert [duration for duration, _ in frame_timings(out)] == [70, 90]


def frame_timings(image: Image.Image) -> list[tuple[int, tuple]]:
    timings = []
    for index in range(image.n_frames):
        image.seek(index)
        image.load()
        timings.append((image.info["duration"], image.convert("RGB").getpixel((0, 0))))
    return timings


def test_unsupported_format_is_a_problem_with_a_hint(tmp_path):
    source = tmp_path / "icon.ico"
    Image.new("RGB", (16, 16)).save(source, "ICO")
    [problem] = image_problems(source, SourcePos("media/icon.ico"))
    assert "ICO images are not supported" in problem.message and "PNG" in problem.hint


# --- determinism and cache -------------------------------------------------------------------

def test_same_input_gives_same_bytes_and_second_call_is_served_from_cache(tmp_path, monkeypatch):
    source = tmp_path / "photo.jpg"
    make_jpeg_with_gps(source, size=(2000, 1000))
    first = process_image(source, tmp_path / "cache")
    fresh = process_image(source, tmp_path / "other-cache")
    assert first.data == fresh.data and not first.from_cache and not fresh.from_cache

    def no_pillow(*args, **kwargs):
        raise AssertionError("a cached image must not be decoded again")

    monkeypatch.setattr(raster.Image, "open", no_pillow)
    second = process_image(source, tmp_path / "cache")
    assert second.from_cache and second == first


def test_cache_is_keyed_by_content_not_name(tmp_path):
    make_png_with_text(tmp_path / "a.png")
    (tmp_path / "B Copy.png").write_bytes((tmp_path / "a.png").read_bytes())
    process_image(tmp_path / "a.png", tmp_path / "cache")
    copy = process_image(tmp_path / "B Copy.png", tmp_path / "cache")
    assert copy.from_cache and copy.name == "b-copy.png"


def test_cache_leaves_no_temporary_files(tmp_path):
    for index in range(3):
        make_png_with_text(tmp_path / f"img{index}.png", size=(10 + index, 10))
        process_image(tmp_path / f"img{index}.png", tmp_path / "cache")
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len(names) == 6 and not [n for n in names if n.startswith(".") or n.endswith(".tmp")]


def test_a_crash_while_writing_leaves_no_entry_and_no_temporary_file(tmp_path, monkeypatch):
    source = tmp_path / "photo.png"
    make_png_with_text(source)

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic_write.os, "replace", crash)  # the one helper every cache write goes through
    with pytest.raises(OSError):
        process_image(source, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []
    monkeypatch.undo()
    assert not process_image(source, tmp_path / "cache").from_cache


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    source = tmp_path / "photo.png"
    make_png_with_text(source)
    first = process_image(source, tmp_path / "cache")
    [cached] = (tmp_path / "cache").glob("*.png")
    cached.write_bytes(cached.read_bytes()[:20])
    again = process_image(source, tmp_path / "cache")
    assert not again.from_cache and again.data == first.data


# --- bad files -------------------------------------------------------------------------------

def test_corrupt_png_is_a_problem_with_a_hint_not_a_traceback(tmp_path):
    source = tmp_path / "broken.png"
    make_png_with_text(source, size=(300, 300))
    source.write_bytes(source.read_bytes()[:120])
    [problem] = image_problems(source, SourcePos("media/broken.png"))
    assert problem.pos.file == "media/broken.png" and "damaged" in problem.message and problem.hint
    with pytest.raises(ModuleError) as raised:
        process_image(source, tmp_path / "cache")
    assert raised.value.problems[0].hint


def test_not_an_image_is_a_problem(tmp_path):
    source = tmp_path / "notes.png"
    source.write_text("just text")
    [problem] = image_problems(source, SourcePos("media/notes.png"))
    assert "not an image" in problem.message and problem.hint


def test_truncated_jpeg_fails_with_a_problem_when_processed(tmp_path):
    source = tmp_path / "cut.jpg"
    Image.effect_noise((400, 400), 50).convert("RGB").save(source, quality=95)
    source.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(ModuleError) as raised:
        process_image(source, tmp_path / "cache")
    assert "could not be decoded" in raised.value.problems[0].message


def test_more_than_50_megapixels_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(raster, "MAX_PIXELS", 100 * 100 - 1)  # same check, without a huge fixture
    source = tmp_path / "huge.png"
    Image.new("L", (100, 100)).save(source)
    [problem] = image_problems(source, SourcePos("media/huge.png"))
    assert "too large" in problem.message and "100x100" in problem.message


# --- SVG -------------------------------------------------------------------------------------

CLEAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="200" height="100" viewBox="0 0 200 100">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <rect class="a" width="200" height="100" style="stroke: url('#g')"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"""


def svg(body: str) -> bytes:
    """An SVG whose line 3 is `body` (lines 1-2 are the declaration and the root)."""
    return (f'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink">\n{body}\n</svg>\n').encode()


def test_clean_svg_passes_byte_identical(tmp_path):
    source = tmp_path / "Route Map.svg"
    source.write_bytes(CLEAN_SVG)
    assert image_problems(source, SourcePos("media/Route Map.svg")) == []
    result = process_image(source, tmp_path / "cache")
    assert result.data == CLEAN_SVG
    assert (result.name, result.media_type, result.width, result.height) == (
        "route-map.svg", "image/svg+xml", 200, 100)


@pytest.mark.parametrize(("body", "words"), [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect onload="alert(1)"/>', "onload"),
    ('<rect onClick="alert(1)"/>', "onClick"),
    ('<image href="https://tracker.example/pixel.png"/>', "points outside"),
    ('<use xlink:href="other.svg#icon"/>', "points outside"),
    ('<a href="java\tscript:alert(1)"><text>x</text></a>', "javascript:"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>', "foreignObject"),
    ('<style>@import url("https://fonts.example/a.css");</style>', "@import"),
    ("<style>rect { fill: url(https://x.example/p.svg#p) }</style>", "url()"),
    ('<rect style="background: url(//x.example/a.png)"/>', "url()"),
    ('<rect fill="url(http://x.example/p.svg#p)"/>', "url()"),
    ('<a><set attributeName="href" to="https://x.example"/></a>', "animates"),
])
def test_each_unsafe_svg_feature_is_reported_at_its_line(body, words):
    problems = svg_problems(svg(body), "media/map.svg")
    assert problems, body
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.pos == SourcePos("media/map.svg", 3, 1) and p.hint for p in problems)


def test_svg_doctype_with_entity_is_reported_at_the_doctype_line():
    data = (b'<?xml version="1.0"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg [\n'
            b'  <!ENTITY lol "lol">\n]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&lol;</text></svg>\n')
    [problem] = svg_problems(data, "media/map.svg")
    assert "DOCTYPE" in problem.message and problem.pos.line == 3


def test_svg_stylesheet_instruction_and_bad_xml_are_reported():
    pi = (b'<?xml version="1.0"?>\n<?xml-stylesheet href="https://x.example/s.css"?>\n'
          b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    [problem] = svg_problems(pi, "m.svg")
    assert "xml-stylesheet" in problem.message and problem.pos.line == 2
    [problem] = svg_problems(b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>', "m.svg")
    assert "not well-formed" in problem.message and problem.pos.line == 3


def test_unsafe_svg_is_refused_by_process_image(tmp_path):
    source = tmp_path / "bad.svg"
    source.write_bytes(svg("<script>alert(1)</script>"))
    with pytest.raises(ModuleError) as raised:
        process_image(source, tmp_path / "cache", pos=SourcePos("media/bad.svg"))
    assert str(raised.value.problems[0]).startswith("media/bad.svg:3:1: error: <script> element")


def test_a_broken_colour_profile_is_dropped_not_fatal(tmp_path):
    source = tmp_path / "odd.png"
    Image.new("RGB", (10, 10), (10, 20, 30)).save(source, icc_profile=b"not a profile")
    with reopen(process_image(source, tmp_path / "cache").data) as out:
        assert "icc_profile" not in out.info and out.getpixel((0, 0)) == (10, 20, 30)


def test_images_encoded_in_parallel_are_the_bytes_encoded_one_by_one(tmp_path):
    """A cold build encodes missing images in worker processes: the same bytes as in this process."""
    from PIL import Image

    from stce_scorm.content.images import process_images

    sources = []
    for n, (size, mode) in enumerate([((2400, 1600), "RGB"), ((1800, 900), "RGB"), ((300, 200), "RGBA")]):
        source = tmp_path / f"photo-{n}.{'png' if mode == 'RGBA' else 'jpg'}"
        Image.frombytes(mode, size, bytes((i * 7 + n) % 251 for i in range(size[0] * size[1] * len(mode)))).save(source)
        sources.append(source)
    parallel = process_images(sources + sources[:1], tmp_path / "parallel-cache")
    one_by_one = [process_image(source, tmp_path / "serial-cache") for source in sources + sources[:1]]
    assert [(p.name, p.data, p.width, p.height) for p in parallel] == [
        (p.name, p.data, p.width, p.height) for p in one_by_one]
    assert not any(p.from_cache for p in parallel) and process_images(sources, tmp_path / "parallel-cache")[0].from_cache


def test_a_damaged_image_among_many_fails_as_it_fails_alone(tmp_path):
    from stce_scorm.content.images import process_images

    good, bad = tmp_path / "good.png", tmp_path / "bad.png"
    Image.new("RGB", (50, 40)).save(good)
    bad.write_bytes(good.read_bytes()[:60])
    with pytest.raises(ModuleError) as alone:
        process_image(bad, tmp_path / "a")
    with pytest.raises(ModuleError) as among:
        process_images([good, bad, good], tmp_path / "b")
    assert [str(p) for p in among.value.problems] == [str(p) for p in alone.value.problems]
