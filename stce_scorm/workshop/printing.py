"""What the facilitator guide and the participant handout share: the storyboard's template environment
(its question macros print answers, or leave them out), pictures inlined, and the theme's print style
with the brand's colours. Each document is one self-contained HTML file, as the storyboard is, so the
PDF needs nothing outside it.
"""

from __future__ import annotations

import base64
from pathlib import Path

import jinja2
from markupsafe import Markup

from stce_scorm.content.images import process_image
from stce_scorm.content.markdown_html import MediaRef
from stce_scorm.render.site import IMAGE_MAX_WIDTH, RIGHT_TO_LEFT, render_template
from stce_scorm.render.theme import Brand, Theme
from stce_scorm.render.wording import Words
from stce_scorm.source.models import Module
from stce_scorm.source.texts import media_uses
from stce_scorm.storyboard.document import review_environment
from stce_scorm.workshop.kit import Kit


def print_environment(module: Module, theme: Theme, words: Words, answers: bool,
                      cache_dir: Path) -> jinja2.Environment:
    """The storyboard's environment over the module's images as data: URIs."""
    media: dict[str, MediaRef] = {}
    for use in sorted(media_uses(module), key=lambda use: use.src):
        if use.kind == "image" and use.src not in media:
            image = process_image(module.root / use.src, cache_dir, IMAGE_MAX_WIDTH,
                                  data=module.translated_media.get(use.src))  # a diagram's translated words
            uri = f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"
            media[use.src] = MediaRef(uri, image.width, image.height)
        elif use.kind == "file":
            media.setdefault(use.src, MediaRef(use.src))  # a linked document: named, not followed
    env, _ = review_environment(module, theme, media, words, answers)
    return env


def render_print(env: jinja2.Environment, template: str, kit: Kit, theme: Theme, brand: Brand,
                 logo: Path | None, **values) -> str:
    """Render one kit document with the print style of the theme chain inlined."""
    language = kit.config.language
    return render_template(
        env, template, kit=kit, module=kit.config, brand=brand, logo=_data_uri(logo) if logo else None,
        stylesheet=Markup(_stylesheet(theme)),
        direction="rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr", **values)


def _stylesheet(theme: Theme) -> str:
    """The storyboard's print rules (questions, call-outs, paper), then the kit's own."""
    sheets = (theme.file("print/storyboard.css"), theme.file("print/workshop.css"))
    return "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets if sheet)


def _data_uri(path: Path) -> str:
    kind = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
