"""Images on their way into a package: checked, cleaned, downscaled, cached.

Authors drop photos straight from phones and cameras into `media/`. Those carry GPS positions and
other EXIF data nobody meant to publish, are often 4,000 pixels wide, and are sometimes rotated only
by an EXIF flag. So every raster image is re-encoded here: turned upright, converted to sRGB,
downscaled, and written without any metadata. SVGs are text that a browser may run, so they are
checked and then copied byte for byte, never rewritten.

Re-encoding is slow, so results are cached by content; the cache never needs cleaning by hand
because the key covers everything the output depends on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from lxml import etree

from stce_scorm.atomic_write import write_atomic
from stce_scorm.errors import ModuleError, Problem, SourcePos, error

# Bump when the processing changes, so old cache entries stop matching.
PROCESSOR_VERSION = "1"

# Pillow format -> (output format, extensions an author may use for it, the first being ours).
FORMATS = {
    "PNG": ("PNG", (".png",)),
    "JPEG": ("JPEG", (".jpg", ".jpeg")),
    "MPO": ("JPEG", (".jpg", ".jpeg")),  # phone JPEGs with a depth map; we keep the main picture
    "GIF": ("GIF", (".gif",)),
    "WEBP": ("WEBP", (".webp",)),
    "BMP": ("PNG", (".png",)),  # browsers show BMP and TIFF badly or not at all: convert them
    "TIFF": ("PNG", (".png",)),
}
_MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
REEXPORT_HINT = "open it in an image editor and export it again as PNG, JPEG or SVG"


@dataclass(frozen=True)
class ProcessedImage:
    """An image ready for the package: its file name, bytes and pixel size."""

    name: str
    data: bytes = field(repr=False)
    width: int | None
    height: int | None
    media_type: str
    from_cache: bool = field(default=False, compare=False)


def process_image(source: Path, cache_dir: Path, max_width: int = 1600, *,
                  pos: SourcePos | None = None, data: bytes | None = None) -> ProcessedImage:
    """Return `source` cleaned for packaging (or `data`, its content in a translation); raise `ModuleError`
    if it is not a usable image."""
    pos = pos or SourcePos(source.as_posix())
    try:
        data = source.read_bytes() if data is None else data
    except OSError as exc:
        raise ModuleError([_unreadable(pos, exc)]) from exc
    if source.suffix.lower() == ".svg":
        problems = svg_problems(data, pos.file)
        if problems:
            raise ModuleError(problems)
        width, height = _svg_size(data)
        return ProcessedImage(_output_name(source, (".svg",)), data, width, height, "image/svg+xml")

    key = _cache_key(data, max_width)
    cached = _read_cache(cache_dir, key, source)
    if cached:
        return cached
    from stce_scorm.content import raster  # Pillow's image modules, only for an image to encode

    problems = raster.raster_problems(data, pos)
    if problems:
        raise ModuleError(problems)
    try:
        with raster.strict_decoding():
            out_format, out, width, height = raster.reencode(data, max_width)
    except Exception as exc:  # Pillow raises many exception types for damaged data: report a damaged file
        raise ModuleError([error(pos, f"the image could not be decoded ({exc})", REEXPORT_HINT)]) from exc
    _write_cache(cache_dir, key, out_format, out, width, height)
    return ProcessedImage(_output_name(source, FORMATS[out_format][1]), out, width, height,
                          _MEDIA_TYPES[out_format])


def process_images(sources: list[Path], cache_dir: Path, max_width: int = 1600) -> list[ProcessedImage]:
    """`process_image` for many files, in order; the ones not in the cache are encoded in parallel.

    Encoding large photos is a cold build's whole cost, and each image is independent, so a process per
    core encodes them (Pillow encodes the same bytes in any process). A failure is raised as
    `process_image` raises it, by processing that file again here."""
    results: dict[Path, ProcessedImage] = {}
    missing: list[Path] = []
    for source in dict.fromkeys(sources):
        if source.suffix.lower() != ".svg":
            try:
                cached = _read_cache(cache_dir, _cache_key(source.read_bytes(), max_width), source)
            except OSError:
                cached = None  # unreadable: process_image below reports it
            if cached is None:
                missing.append(source)
                continue
            results[source] = cached
    workers = min(len(missing), os.cpu_count() or 1)
    if workers > 1:
        import concurrent.futures  # only when images are missing from the cache
        import multiprocessing

        # spawn, not fork: the preview server calls this from a thread, and forking a threaded process is unsafe.
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = {source: pool.submit(process_image, source, cache_dir, max_width) for source in missing}
            for source, future in futures.items():
                if future.exception() is None:
                    results[source] = future.result()
    return [results.get(source) or process_image(source, cache_dir, max_width) for source in sources]


def image_problems(source: Path, pos: SourcePos) -> list[Problem]:
    """Check that `source` is an image we can package, without rendering it.

    `pos.file` names the image as the author knows it (e.g. 'media/route.svg'); problems inside an
    SVG point at their line in that file.
    """
    try:
        data = source.read_bytes()
    except OSError as exc:
        return [_unreadable(pos, exc)]
    if source.suffix.lower() == ".svg":
        return svg_problems(data, pos.file)
    from stce_scorm.content import raster  # Pillow's image modules, only for a raster image

    return raster.raster_problems(data, pos)


def _unreadable(pos: SourcePos, exc: OSError) -> Problem:
    return error(pos, f"the image cannot be read ({exc.strerror})", "check that the file exists and is readable")


# --- cache -----------------------------------------------------------------------------------

def _cache_key(data: bytes, max_width: int) -> str:
    """Covers every input of the output: the bytes, the settings, our code and Pillow's encoders."""
    settings = f"stce-image/{PROCESSOR_VERSION}/pillow-{PIL.__version__}/max_width={max_width}\0"
    return hashlib.sha256(settings.encode() + data).hexdigest()


def _read_cache(cache_dir: Path, key: str, source: Path) -> ProcessedImage | None:
    """The cached result, or None if it is missing or does not match its recorded checksum."""
    try:
        meta = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        out_format = meta["format"]
        data = (cache_dir / f"{key}{FORMATS[out_format][1][0]}").read_bytes()
    except (OSError, ValueError, KeyError):
        return None
    if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
        return None
    return ProcessedImage(_output_name(source, FORMATS[out_format][1]), data, meta["width"],
                          meta["height"], _MEDIA_TYPES[out_format], from_cache=True)


def _write_cache(cache_dir: Path, key: str, out_format: str, data: bytes, width: int, height: int) -> None:
    """Write the image, then its sidecar: the sidecar is the commit mark of a complete entry."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(cache_dir / f"{key}{FORMATS[out_format][1][0]}", data)
    meta = {"format": out_format, "width": width, "height": height, "sha256": hashlib.sha256(data).hexdigest()}
    write_atomic(cache_dir / f"{key}.json", json.dumps(meta, sort_keys=True).encode())


def _output_name(source: Path, extensions: tuple[str, ...]) -> str:
    """The source's stem made LMS-safe, with its extension if that still fits the format."""
    stem = unicodedata.normalize("NFKD", source.stem).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9._-]+", "-", stem).strip("-.") or "image"
    suffix = source.suffix.lower()
    return stem + (suffix if suffix in extensions else extensions[0])


# --- SVG -------------------------------------------------------------------------------------

_SVG_FIX = "SVGs in packages must be static, self-contained images"
MAX_SVG_BYTES = 5 * 1024 * 1024  # a detailed map exports at ~1 MB; beyond this, parsing time is the risk
_LOCAL_REFS = ("#", "data:image/png;base64,", "data:image/jpeg;base64,")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}\s?|.)", re.DOTALL)  # `u\72l(` is `url(` to a browser


def svg_problems(data: bytes, svg_file: str) -> list[Problem]:
    """Everything in an SVG that could run code or fetch something, each at its line in `svg_file`."""
    def at(line: int | None) -> SourcePos:
        return SourcePos(svg_file, line or 1, 1)

    if len(data) > MAX_SVG_BYTES:
        return [error(at(1), f"the SVG is {len(data) / 1024 / 1024:.1f} MB; SVGs may be at most "
                             f"{MAX_SVG_BYTES // 1024 // 1024} MB", "simplify the drawing, or export it as PNG")]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [error(at(exc.lineno), f"the SVG is not well-formed XML ({exc.msg})",
                      "open it in an SVG editor and save it again")]
    problems: list[Problem] = []
    if root.getroottree().docinfo.doctype:
        match = re.search(rb"<!DOCTYPE", data, re.IGNORECASE)
        line = data.count(b"\n", 0, match.start()) + 1 if match else 1
        problems.append(error(at(line), "the SVG has a DOCTYPE (DTDs and entities are not allowed)",
                              "delete the <!DOCTYPE ...> declaration and replace any &entities; with text"))
    if etree.QName(root).localname != "svg":
        problems.append(error(at(root.sourceline), f"the root element is <{etree.QName(root).localname}>, "
                              "not <svg>", "give the file of an SVG drawing"))
    nodes = [*root.itersiblings(preceding=True), *root.iter(), *root.itersiblings()]
    for node in nodes:
        if isinstance(node, etree._ProcessingInstruction):
            problems.append(error(at(node.sourceline), f"processing instruction <?{node.target} ...?>",
                                  f"remove it; {_SVG_FIX}"))
        elif isinstance(node.tag, str):
            problems += _element_problems(node, at(node.sourceline))
    return problems


def _element_problems(element: etree._Element, pos: SourcePos) -> list[Problem]:
    name = etree.QName(element).localname
    problems = []
    if name == "script":
        problems.append(error(pos, "<script> element", f"remove the script element; {_SVG_FIX}"))
    if name == "foreignObject":
        problems.append(error(pos, "<foreignObject> element",
                              f"remove it (it embeds HTML); {_SVG_FIX}, so draw text with <text>"))
    if name == "style":
        css = element.text or ""
        if "@import" in css.lower():
            problems.append(error(pos, "<style> uses @import", "copy the imported rules into the <style> element"))
        problems += _css_url_problems(css, pos, "<style>")
    for attr, value in element.attrib.items():
        attr_name = etree.QName(attr).localname
        squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()  # browsers ignore such characters
        if attr_name.lower().startswith("on"):
            problems.append(error(pos, f"event handler attribute '{attr_name}'",
                                  f"remove the {attr_name} attribute; {_SVG_FIX}"))
        elif "javascript:" in squeezed:
            problems.append(error(pos, f"'javascript:' in attribute '{attr_name}'",
                                  f"remove it; {_SVG_FIX}"))
        elif attr_name == "href" and not squeezed.startswith(_LOCAL_REFS):
            problems.append(error(pos, f"'{attr_name}' points outside the SVG ('{value.strip()[:60]}')",
                                  "refer only to '#ids' inside the SVG, or embed PNG/JPEG pictures as "
                                  "data:image/png;base64,... URIs"))
        else:
            problems += _css_url_problems(value, pos, f"attribute '{attr_name}'")
        if attr_name == "attributeName" and (value.lower().startswith("on") or value.endswith("href")):
            problems.append(error(pos, f"<{name}> animates '{value}'",
                                  f"animate only presentation attributes; {_SVG_FIX}"))
    return problems


def _css_url_problems(css: str, pos: SourcePos, where: str) -> list[Problem]:
    """The first url() in `css` that loads something from outside the SVG, found in linear time.

    Each 'url(' is judged by the start of its target, so no search runs to the end of the text per
    occurrence (a lazy regular expression did, and a 160 KB SVG took minutes)."""
    text = _CSS_ESCAPE.sub(_unescape_css, css)
    lower = text.lower()
    start = lower.find("url(")
    while start >= 0:
        target = text[start + 4:start + 4 + 200].lstrip().lstrip("'\"").lstrip()
        if not target.lower().startswith(_LOCAL_REFS):
            shown = target.split(")", 1)[0].strip().rstrip("'\"")[:60]
            return [error(pos, f"{where} loads '{shown}' with url()",
                          "use url(#id) for gradients and patterns inside the SVG; copy anything else into it")]
        start = lower.find("url(", start + 4)
    return []


def _unescape_css(match: re.Match) -> str:
    escaped = match.group(1)
    if escaped[0] in "0123456789abcdefABCDEF":
        code = int(escaped.strip(), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return escaped


def _svg_size(data: bytes) -> tuple[int | None, int | None]:
    """Pixel size from width/height (plain or px numbers), else from viewBox; None if unknown."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    number = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
    width, height = (number.match(root.get(a, "")) for a in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    try:
        return round(float(box[2])), round(float(box[3]))
    except (IndexError, ValueError):
        return None, None
