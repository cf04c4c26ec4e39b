"""The storyboard: one printable document of a whole module, for subject-matter review.

Reviewers cite what they read ("L3-P2", "q_am_03"), so every item carries its id. The storyboard
reads and checks the module through the same pipeline as the build, and renders page content with
the player's own Markdown renderer, so what reviewers sign off is what learners will see.
"""

from __future__ import annotations

from pathlib import Path

from stce_scorm.atomic_write import write_atomic
from stce_scorm.storyboard.document import render_storyboard

__all__ = ["FORMATS", "render_storyboard", "storyboard_file_name", "write_storyboard"]

FORMATS = ("html", "pdf")


def storyboard_file_name(module_id: str, version: str, language: str, fmt: str, answers: bool) -> str:
    """`<id>-<version>-<language>-storyboard[-handout].<fmt>`: the handout never overwrites the storyboard."""
    return f"{module_id}-{version}-{language}-storyboard{'' if answers else '-handout'}.{fmt}"


def write_storyboard(module_dir: Path, out_dir: Path, fmt: str = "html", answers: bool = True,
                     language: str | None = None, allow_untranslated: bool = False) -> Path:
    """Check MODULE_DIR, write its storyboard (HTML or PDF) into `out_dir`, and return the file's path;
    in `language`, one of the module's translations, for a reviewer of that translation."""
    from stce_scorm.pipeline import check_sources
    from stce_scorm.translate.editions import edition

    if fmt not in FORMATS:
        raise ValueError(f"unknown storyboard format {fmt!r}; expected one of {', '.join(FORMATS)}")
    checked = check_sources(Path(module_dir))
    module, theme = edition(checked.module, language, allow_untranslated), checked.theme
    html = render_storyboard(module, theme, answers)
    if fmt == "pdf":
        from stce_scorm.storyboard.pdf import pdf_bytes

        data = pdf_bytes(html, module.config, answers)
    else:
        data = html.encode("utf-8")

    config = module.config
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / storyboard_file_name(config.id, config.version, config.language, fmt, answers)
    return write_atomic(target, data)  # a reviewer never opens half a storyboard
