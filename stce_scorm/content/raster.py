"""Raster images (PNG, JPEG, GIF, WebP; BMP and TIFF converted) checked and re-encoded with Pillow.

content/images.py decides what to do with an image and caches the results; this module is the part that
needs Pillow, imported only when a raster image is checked or encoded, so a build whose images all come
from the cache (or are SVGs) does not load Pillow's image modules.
"""

from __future__ import annotations

import contextlib
import io
import threading
import warnings
from typing import Any

from PIL import Image, ImageCms, ImageFile, ImageOps, ImageSequence

from stce_scorm.content.images import FORMATS, REEXPORT_HINT
from stce_scorm.errors import Problem, SourcePos, error

# Anything larger is a decompression bomb or a mistake: no lesson needs a 50-megapixel picture.
MAX_PIXELS = 50_000_000

_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 85, "progressive": True, "optimize": True},
    "GIF": {"optimize": True},
    "WEBP": {"quality": 85},
}

_DECODING = threading.Lock()


@contextlib.contextmanager
def strict_decoding():
    """A truncated image is an error here, even if a library in the same process (WeasyPrint sets
    Pillow's global LOAD_TRUNCATED_IMAGES) asked Pillow to accept them."""
    with _DECODING:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def raster_problems(data: bytes, pos: SourcePos) -> list[Problem]:
    """Format, size and integrity, checked from the header and `verify()`, not a full decode."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we apply our own limit
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.format not in FORMATS:
                    return [error(pos, f"{img.format} images are not supported",
                                  "export it as PNG or JPEG (photos), or SVG (drawings)")]
                width, height = img.size
                if width * height > MAX_PIXELS:
                    return [_too_large(pos, f"{width}x{height} pixels")]
                img.verify()
        except Image.DecompressionBombError:
            return [_too_large(pos, "far more than 50 megapixels")]
        except Image.UnidentifiedImageError:
            return [error(pos, "this file is not an image, or is in a format that cannot be read",
                          "use PNG or JPEG for pictures and SVG for drawings")]
        except Exception as exc:  # truncated or corrupt: Pillow's exception type varies by plugin
            return [error(pos, f"the image is damaged ({exc})", REEXPORT_HINT)]
    return []


def _too_large(pos: SourcePos, size: str) -> Problem:
    return error(pos, f"the image is too large ({size}; at most {MAX_PIXELS // 1_000_000} megapixels)",
                 "scale it down to at most 4000 pixels wide before adding it")


def reencode(data: bytes, max_width: int) -> tuple[str, bytes, int, int]:
    """Decode, straighten, convert to sRGB, downscale and encode without metadata."""
    with Image.open(io.BytesIO(data)) as img:
        out_format = FORMATS[img.format or ""][0]
        buffer = io.BytesIO()
        if getattr(img, "n_frames", 1) > 1 and out_format in ("GIF", "WEBP"):
            frames, durations = [], []
            for frame in ImageSequence.Iterator(img):
                frame.load()  # WebP sets a frame's duration only once it is loaded
                durations.append(frame.info.get("duration", 100))
                frames.append(_fit(_to_srgb(frame).convert("RGBA"), max_width))
                frames[-1].info = {}  # Pillow copies `info` along, and would write its comment and XMP back
            # Pillow hands out whole composited frames, so each one replaces the last (disposal 2).
            extra = {"disposal": 2} if out_format == "GIF" else {}
            frames[0].save(buffer, format=out_format, save_all=True, append_images=frames[1:], duration=durations,
                           loop=img.info.get("loop", 0), **extra, **_SAVE_OPTIONS[out_format])
            size = frames[0].size
        else:
            img.load()
            still = _fit(_to_srgb(ImageOps.exif_transpose(img)), max_width)
            still = _savable(still, out_format)
            # Keep transparency only: everything else in `info` is metadata Pillow would write back.
            clean = still.copy()
            clean.info = {k: v for k, v in still.info.items() if k == "transparency"}
            clean.save(buffer, format=out_format, **_SAVE_OPTIONS[out_format])
            size = clean.size
    return out_format, buffer.getvalue(), size[0], size[1]


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(img: Image.Image) -> Image.Image:
    """Apply an embedded colour profile, so the pixels look right once the profile is dropped."""
    icc = img.info.get("icc_profile")
    if not icc:
        return img
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in ImageCms.getProfileDescription(profile).lower():
            return img
        if img.mode not in ("RGB", "RGBA", "CMYK", "L"):
            img = img.convert("RGBA")
        return ImageCms.profileToProfile(img, profile, _SRGB, outputMode="RGBA" if img.mode == "RGBA" else "RGB") or img
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img  # an unusable profile: the pixels are still the best we have


def _fit(img: Image.Image, max_width: int) -> Image.Image:
    """Downscale to `max_width`, keeping the aspect ratio; never upscale."""
    if img.width <= max_width:
        return img
    if img.mode in ("1", "P"):
        img = img.convert("RGBA")  # Pillow resizes palette images with NEAREST only
    height = max(1, round(img.height * max_width / img.width))
    return img.resize((max_width, height), Image.Resampling.LANCZOS)


def _savable(img: Image.Image, out_format: str) -> Image.Image:
    """Convert to a mode the output format can store (CMYK JPEGs, 16-bit TIFFs, alpha in JPEG)."""
    allowed = {"JPEG": ("L", "RGB"), "WEBP": ("RGB", "RGBA"), "GIF": ("P", "L", "RGB", "RGBA"),
               "PNG": ("1", "L", "LA", "P", "RGB", "RGBA", "I;16")}[out_format]
    if img.mode in allowed:
        return img
    has_alpha = "A" in img.mode or "transparency" in img.info
    return img.convert("RGBA" if has_alpha and "RGBA" in allowed else "RGB")
