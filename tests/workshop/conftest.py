"""The workshop kits of both bundled modules, built once per session, and their slides opened in the real
LibreOffice Impress (Debian's, headless, with a profile of its own in a temporary folder, since its
first start is slow and must not touch the user's) and converted to PDF once per deck."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from repo_paths import EXAMPLE_MODULE, REPO, WMD_MODULE
from stce_scorm.pipeline import load_and_check
from stce_scorm.source.models import Module
from stce_scorm.workshop import WorkshopKit, write_workshop

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
MODULES = {"example": EXAMPLE_MODULE, "wmd": WMD_MODULE}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Deck:
    """A built kit, its slides as python-pptx reads them, and the slides as LibreOffice lays them out."""

    module: Module
    kit: WorkshopKit
    out_dir: Path
    pdf: Path
    conversion_log: str

    @property
    def presentation(self):
        return Presentation(self.kit.slides)

    def pdf_pages(self) -> int:
        info = subprocess.run(["pdfinfo", str(self.pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    def page_text(self, page: int) -> str:
        """Text LibreOffice drew on one slide (1-based)."""
        return self._page_texts[page - 1]

    @functools.cached_property
    def _page_texts(self) -> list[str]:
        """Every slide's text, read in one run of pdftotext (a run per slide re-read the whole PDF each time);
        pdftotext ends each page with a form feed."""
        return subprocess.run(["pdftotext", "-layout", str(self.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout.split("\f")

    def words(self) -> dict[int, list[Word]]:
        """Every word LibreOffice drew, with its box in points, per 1-based slide number."""
        html = subprocess.run(["pdftotext", "-bbox", str(self.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages: dict[int, list[Word]] = {}
        for number, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", html, re.S), 1):
            pages[number] = [Word(text, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, text in
                             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                                        r'(.*?)</word>', page)]
        return pages

    def screenshot(self, page: int, target: Path) -> Path:
        """One slide as a PNG at 96 dpi (1280 x 720), for a person to look at."""
        stem = target.with_suffix("")
        subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "96", "-png", "-singlefile",
                        str(self.pdf), str(stem)], check=True)
        return stem.with_suffix(".png")


def to_pdf(decks: list[Path], out_dir: Path, profile: Path) -> tuple[list[Path], str]:
    """Convert with LibreOffice Impress headless, every deck in one run (each start costs seconds); returns
    the PDFs and what LibreOffice printed."""
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, decks)],
        capture_output=True, text=True, timeout=300)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return [out_dir / (deck.stem + ".pdf") for deck in decks], log


@pytest.fixture(scope="session")
def office_profile(tmp_path_factory) -> Path:
    assert Path(SOFFICE).exists(), "run scripts/setup --test: Debian's libreoffice-impress is missing"
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture(scope="session")
def decks(tmp_path_factory, office_profile) -> dict[str, Deck]:
    """Both modules' kits, each built once for the whole session, converted in one LibreOffice run."""
    kits = {name: write_workshop(module_dir, tmp_path_factory.mktemp(f"kit-{name}")) for name, module_dir in MODULES.items()}
    pdfs, log = to_pdf([kit.slides for kit in kits.values()], tmp_path_factory.mktemp("libreoffice"), office_profile)
    return {name: Deck(load_and_check(MODULES[name])[0], kit, kit.slides.parent, pdf, log)
            for (name, kit), pdf in zip(kits.items(), pdfs)}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where the rendered-slide screenshots go, kept after the run for a person to look at:
    build/test-output/workshop/ (git ignores build/), emptied at the start of each run."""
    folder = REPO / "build" / "test-output" / "workshop"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
