"""The emulator page, rendered once from its template with the output targets (stce_scorm/targets): the
version switch and the state meters come from the targets, so the page cannot drift from them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def emulator_page() -> bytes:
    """The emulator page's HTML (templates/emulator.html), one switch and one meter per target."""
    import jinja2

    from stce_scorm.targets import TARGETS

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.get_template("emulator.html").render(targets=list(TARGETS.values())).encode("utf-8")
