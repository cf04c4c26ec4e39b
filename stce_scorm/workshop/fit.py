"""Does a text fit its box? Measured with the font's real glyph widths, not guessed.

Slides name Arial, which PowerPoint has everywhere; LibreOffice and Linux draw it with Liberation
Sans, made to the same metrics. So the kit measures with Liberation Sans (Debian's
fonts-liberation2, installed by scripts/setup) through Pillow, wraps words as a text frame does,
and counts lines at a line height above the font's own (1.15 em), so the estimate errs on the safe
side. Without Liberation Sans it measures with DejaVu Sans, which is wider: safe again, only
smaller or more slides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from stce_scorm.errors import UsageError

SLIDE_FONT = "Arial"
LINE_HEIGHT = 1.22  # em; Arial/Liberation Sans need 1.15 em per line at single spacing
SPACE_AFTER_PT = 6  # set on every paragraph the slides write
INSET_IN = 0.1  # text frame margins, set on every text frame the slides write

_FONT_FILES = {
    False: ("liberation2/LiberationSans-Regular.ttf", "liberation/LiberationSans-Regular.ttf",
            "dejavu/DejaVuSans.ttf"),
    True: ("liberation2/LiberationSans-Bold.ttf", "liberation/LiberationSans-Bold.ttf",
           "dejavu/DejaVuSans-Bold.ttf"),
}
_FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts"))
_MEASURE_SIZE = 100  # measure at 100 pt and scale: one font object serves every size


@dataclass(frozen=True)
class Box:
    """A text frame's outer size, in inches."""

    width: float
    height: float


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: float = 0.0  # inches taken from the width (bullets, hanging indents)


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    for folder in _FONT_DIRS:
        for name in _FONT_FILES[bold]:
            if (folder / name).is_file():
                return ImageFont.truetype(str(folder / name), _MEASURE_SIZE)
    raise UsageError("no font to measure slide text with (Liberation Sans or DejaVu Sans)",
                     "run scripts/setup, which installs Debian's fonts-liberation2")


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of `text` at `size` points, in points."""
    return _font(bold).getlength(text) * size / _MEASURE_SIZE


def wrap(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width_pt`, at spaces; a word longer than a line is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width_pt(candidate, size, bold) <= width_pt:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width_pt(word, size, bold) > width_pt and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width_pt(word[:cut], size, bold) > width_pt:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def text_height_in(paragraphs: list[Paragraph], box: Box, size: float, bold: bool = False) -> float:
    """Height the paragraphs take in a frame as wide as `box`, insets included, in inches."""
    lines = 0
    for paragraph in paragraphs:
        width_pt = (box.width - 2 * INSET_IN - paragraph.indent) * 72
        lines += len(wrap(paragraph.text, width_pt, size, bold))
    spacing = SPACE_AFTER_PT * max(len(paragraphs) - 1, 0)
    return (lines * size * LINE_HEIGHT + spacing) / 72 + 2 * INSET_IN


def fits(paragraphs: list[Paragraph], box: Box, size: float, bold: bool = False) -> bool:
    return text_height_in(paragraphs, box, size, bold) <= box.height


def fitting_size(paragraphs: list[Paragraph], box: Box, sizes: tuple[int, ...], bold: bool = False) -> int | None:
    """The largest of `sizes` (largest first) at which the paragraphs fit the box; None if none does."""
    return next((size for size in sizes if fits(paragraphs, box, size, bold)), None)


def split_to_fit(paragraphs: list[Paragraph], box: Box, size: int, bold: bool = False) -> list[list[Paragraph]]:
    """Cut the paragraphs into runs that each fit the box at `size`, in order; a paragraph too long for
    a whole box on its own is cut between words."""
    runs: list[list[Paragraph]] = [[]]
    queue = list(paragraphs)
    while queue:
        paragraph = queue.pop(0)
        if fits(runs[-1] + [paragraph], box, size, bold):
            runs[-1].append(paragraph)
        elif runs[-1]:
            runs.append([])
            queue.insert(0, paragraph)
        else:  # alone and still too tall: keep as many lines as fit, carry the rest over
            head, tail = _cut(paragraph, box, size, bold)
            runs[-1].append(head)
            runs.append([])
            queue.insert(0, tail)
    return [run for run in runs if run]


def _cut(paragraph: Paragraph, box: Box, size: int, bold: bool) -> tuple[Paragraph, Paragraph]:
    words = paragraph.text.split()
    keep = len(words) - 1
    while keep > 1 and not fits([Paragraph(" ".join(words[:keep]), paragraph.indent)], box, size, bold):
        keep -= 1
    return (Paragraph(" ".join(words[:keep]), paragraph.indent),
            Paragraph(" ".join(words[keep:]), paragraph.indent))
