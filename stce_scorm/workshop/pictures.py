"""Pictures at slide resolution: PowerPoint takes PNG or JPEG, not the SVG diagrams authors draw.

SVGs are drawn with CairoSVG (the WeasyPrint authors' renderer, on the cairo library that Pango
already brings in), after the same safety check as the build's: an SVG that would fetch or run
something never reaches the renderer, and CairoSVG's own `unsafe` mode stays off. Raster images
take the build's path (`content.images`: upright, sRGB, no metadata). Both are written again by
Pillow with fixed settings, so the same source gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from stce_scorm.errors import ModuleError
from stce_scorm.content.images import process_image, svg_problems

# 16:9 slides shown at 1920 x 1080 pixels: 144 pixels per inch on a 13.33-inch slide.
SLIDE_DPI = 144


@dataclass(frozen=True)
class SlidePicture:
    png: bytes
    width: int  # pixels
    height: int


def slide_picture(source: Path, box_width_in: float, cache_dir: Path, data: bytes | None = None) -> SlidePicture:
    """`source` (or `data`, its content in a translation) as a PNG as wide as a box of `box_width_in`
    inches at slide resolution (never upscaled beyond it for rasters; SVGs are drawn at exactly that width)."""
    width = round(box_width_in * SLIDE_DPI)
    if source.suffix.lower() == ".svg":
        data = source.read_bytes() if data is None else data
        problems = svg_problems(data, source.as_posix())
        if problems:
            raise ModuleError(problems)
        import cairosvg

        png = cairosvg.svg2png(bytestring=data, output_width=width, background_color="white")
        image = Image.open(io.BytesIO(png))
    else:
        processed = process_image(source, cache_dir, width, data=data)
        image = Image.open(io.BytesIO(processed.data))
    return _png(image)


def _png(image: Image.Image) -> SlidePicture:
    """Flatten onto white (slides and paper are white) and write a plain PNG with no metadata."""
    image = image.convert("RGBA")
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "PNG", optimize=True)
    return SlidePicture(out.getvalue(), flat.width, flat.height)
