"""Documents made from a translation: the storyboard for its reviewers (`storyboard --lang fr`) and the
workshop kit (`workshop --lang fr`), refused for a language the module is not translated into."""

from __future__ import annotations

import base64
import re

import lxml.html
import pypdf
import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from pseudo import _TABLE
from repo_paths import REPO
from stce_scorm.cli import main
from stce_scorm.storyboard import write_storyboard
from stce_scorm.workshop import write_workshop

TITLE = "The smallest complete module"
PAGE_TEXT = "Many goods have"


def test_the_storyboard_of_a_translation_is_in_that_language(translated, tmp_path):
    path = write_storyboard(translated.path, tmp_path, "html", language="fr")
    assert path.name == "minimal-1.0.0-fr-storyboard.html"
    html = path.read_text(encoding="utf-8")
    document = lxml.html.fromstring(html)
    assert document.get("lang") == "fr" and document.get("dir") == "ltr"
    assert TITLE.translate(_TABLE) in html and PAGE_TEXT.translate(_TABLE) in html
    assert TITLE not in html and PAGE_TEXT not in html
    # The diagram carries its translated words too (inlined as a data: URI).
    svg = next(base64.b64decode(src.split(",", 1)[1]).decode() for src in document.xpath("//img/@src")
               if src.startswith("data:image/svg+xml;base64,"))
    assert "Machine tool".translate(_TABLE) in svg and "Machine tool" not in svg


def test_the_storyboard_is_in_the_source_language_by_default(translated, tmp_path):
    html = write_storyboard(translated.path, tmp_path, "html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en"', html)
    assert TITLE in html and TITLE.translate(_TABLE) not in html


def test_storyboard_lang_refuses_a_language_the_module_does_not_declare(translated, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["storyboard", str(translated.path), "--lang", "es", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert re.search(r"module\.yaml:\d+:\d+: error: translations: --lang es: the module is not translated into 'es' "
                     r"\(hint: choose one of: en, fr", result.output), result.output
    assert "Traceback" not in result.output and not out.exists()


def test_storyboard_lang_refuses_an_incomplete_translation_unless_allowed(translated, tmp_path):
    translated.edit("lessons/01-dual-use.md", "# Control lists {#lists}",
                    "# Control lists {#lists}\n\nA new paragraph.")
    out = tmp_path / "out"
    args = ["storyboard", str(translated.path), "--lang", "fr", "--out", str(out)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and "error: the fr translation of unit 'lesson/l1_dual_use/lists/1' is stale" \
        in refused.output, refused.output
    assert not out.exists()
    allowed = CliRunner().invoke(main, [*args, "--allow-untranslated"])
    assert allowed.exit_code == 0, allowed.output
    html = (out / "minimal-1.0.0-fr-storyboard.html").read_text(encoding="utf-8")
    assert "Certaines parties de ce module ne sont pas encore traduites" in html
    assert "A new paragraph." in html  # the untranslated text, in the source language


@pytest.mark.slow  # the whole kit: slides, two PDFs
def test_the_workshop_kit_of_a_translation_is_in_that_language(translated, tmp_path):
    kit = write_workshop(translated.path, tmp_path, "fr")
    assert kit.slides.name == "minimal-1.0.0-fr-slides.pptx"
    guide = kit.guide_html.read_text(encoding="utf-8")
    assert lxml.html.fromstring(guide).get("lang") == "fr"
    assert TITLE.translate(_TABLE) in guide and TITLE not in guide
    titles = [slide.shapes.title.text_frame.text for slide in Presentation(kit.slides).slides if slide.shapes.title]
    assert TITLE.translate(_TABLE) in titles, titles


@pytest.mark.slow  # WeasyPrint
def test_the_pdf_storyboard_of_a_translation(translated, tmp_path):
    path = write_storyboard(translated.path, tmp_path, "pdf", language="fr")
    assert path.name == "minimal-1.0.0-fr-storyboard.pdf"
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert PAGE_TEXT.translate(_TABLE) in " ".join(text.split()), text[:500]
    assert reader.trailer["/Root"].get("/Lang") == "fr"


def test_the_french_storyboard_puts_a_no_break_space_between_a_label_and_its_colon(translated, tmp_path):
    """« Source : … », « Évaluation : … »: the colon after a label of the theme follows the language's
    typography (a no-break space before it in French), as the theme's own sentences do."""
    html = write_storyboard(translated.path, tmp_path, "html", language="fr").read_text(encoding="utf-8")
    text = "".join(lxml.html.fromstring(html).itertext())
    words = yaml.safe_load((REPO / "themes/base/locale/fr.yaml").read_text(encoding="utf-8"))
    labels = [words[key] for key in ("assessment", "storyboard_source", "storyboard_objective", "storyboard_points",
                                     "storyboard_pool")]
    assert not [label for label in labels if re.search(rf"{re.escape(label)}(?: \S+)?:", text)]
    assert all(f"{label}\u00a0:" in text or re.search(rf"{re.escape(label)} \S+\u00a0:", text) for label in labels)
