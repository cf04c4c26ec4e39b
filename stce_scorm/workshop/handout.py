"""The participant handout: each lesson's objectives and summary, its diagrams, the scenarios without
their answers, the glossary, and room for notes. Printed to PDF through WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import jinja2

from stce_scorm.render.theme import Brand, Theme
from stce_scorm.workshop.kit import Kit
from stce_scorm.workshop.printing import render_print


def handout_html(kit: Kit, env: jinja2.Environment, theme: Theme, brand: Brand, logo: Path | None) -> str:
    """The handout as one self-contained HTML document; `env` must be built without answers."""
    return render_print(env, "workshop_handout.html", kit, theme, brand, logo)
