"""The storyboard: one printable document of a whole module, for subject-matter review.

Reviewers cite what they read ("L3-P2", "q_am_03"), so every item carries its id. The storyboard
reads and checks the module through the same pipeline as the build, and renders page content with
the player's own Markdown renderer, so what reviewers sign off is what learners will see.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from stce_scorm.storyboard.document import render_storyboard

__all__ = ["FORMATS", "render_storyboard", "storyboard_file_name", "write_storyboard"]

FORMATS = ("html", "pdf")


def storyboard_file_name(module_id: str, version: str, language: str, fmt: str, answers: bool) -> str:
    """`<id>-<version>-<language>-storyboard[-handout].<fmt>`: the handout never overwrites the storyboard."""
    return f"{module_id}-{version}-{language}-storyboard{'' if answers else '-handout'}.{fmt}"


def write_storyboard(module_dir: Path, out_dir: Path, fmt: str = "html", answers: bool = True) -> Path:
    """Check MODULE_DIR, write its storyboard (HTML or PDF) into `out_dir`, and return the file's path."""
    from stce_scorm.pipeline import load_and_check
    from stce_scorm.render.theme import load_theme

    if fmt not in FORMATS:
        raise ValueError(f"unknown storyboard format {fmt!r}; expected one of {', '.join(FORMATS)}")
    module, _ = load_and_check(Path(module_dir))
    theme, _ = load_theme(module.config.theme, module.root, module.config.field_pos("theme"))
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
    _write_atomic(target, data)
    return target


def _write_atomic(target: Path, data: bytes) -> None:
    """Write beside the target and rename: a reviewer never opens half a storyboard."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; a storyboard is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
