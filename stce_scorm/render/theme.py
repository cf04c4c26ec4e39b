"""Themes: a lookup chain of template and static folders.

A module's own `templates/` come first, then its theme, then the theme it `extends`, down to
`base`, the built-in default. A module overrides one template by placing a file of the same
name in its `templates/` folder; it never copies a whole theme (MkDocs and Pelican work alike).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from pydantic import Field

from stce_scorm.errors import ModuleError, Problem, SourcePos, error
from stce_scorm.render.inline_json import inline_json
from stce_scorm.source import paths
from stce_scorm.source.models import SourceModel
from stce_scorm.source.validation import validate
from stce_scorm.source.yaml_loader import load_yaml

BASE_THEME = "base"


COLOUR = r"^#[0-9a-fA-F]{6}$"


class Brand(SourceModel):
    """Colours and logo for documents made outside the player's CSS (workshop slides, printed kit)."""

    primary: str = Field("#1a1a1a", pattern=COLOUR, description="Title bars and headings, e.g. '#003a70'.")
    on_primary: str = Field("#ffffff", pattern=COLOUR, description="Text on the primary colour (4.5:1 contrast).")
    accent: str = Field("#4d5560", pattern=COLOUR, description="Thin rules and highlights.")
    text: str = Field("#1a1a1a", pattern=COLOUR, description="Body text on white.")
    logo: str | None = Field(None, description="A PNG or JPEG in the theme folder, for title slides and covers.")


class ThemeConfig(SourceModel):
    """theme.yaml: a theme's parent and the stylesheets it adds, in order."""

    name: str
    extends: str | None = Field(None, description="Theme this one builds on; 'base' is the built-in default.")
    stylesheets: list[str] = Field(default_factory=list, description="CSS files under static/, linked in order.")
    brand: Brand | None = Field(None, description="Colours and logo of the workshop kit; the nearest layer's wins.")


@dataclass(frozen=True)
class ThemeLayer:
    config: ThemeConfig
    folder: Path


@dataclass(frozen=True)
class Theme:
    """A resolved theme: its layers from the most specific to `base`, plus module overrides."""

    layers: tuple[ThemeLayer, ...]
    module_templates: Path | None

    @property
    def name(self) -> str:
        return self.layers[0].config.name

    def stylesheets(self) -> list[str]:
        """Package paths of every stylesheet, parent themes first so children override them."""
        return [f"theme/{sheet}" for layer in reversed(self.layers) for sheet in layer.config.stylesheets]

    def static_files(self) -> dict[str, Path]:
        """Package path -> file, for every static file in the chain; nearer layers win."""
        files: dict[str, Path] = {}
        for layer in reversed(self.layers):
            static = layer.folder / "static"
            if static.is_dir():
                for file in sorted(static.rglob("*")):
                    if file.is_file() and not file.name.startswith("."):
                        files["theme/" + file.relative_to(static).as_posix()] = file
        return files

    def file(self, relative: str) -> Path | None:
        """A theme file outside static/ (so not packaged), from the nearest layer that has it."""
        return next((layer.folder / relative for layer in self.layers if (layer.folder / relative).is_file()), None)

    def brand(self) -> tuple[Brand, Path | None]:
        """The nearest layer's brand, and its logo file (None if it names none)."""
        for layer in self.layers:
            brand = layer.config.brand
            if brand is not None:
                if not brand.logo:
                    return brand, None
                logo, problem = paths.resolve(layer.folder, brand.logo, brand.field_pos("logo"), "logo")
                if problem is None and logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
                    problem = error(brand.field_pos("logo"), f"logo '{brand.logo}' is not a PNG or JPEG file",
                                    "slides and print take PNG or JPEG logos; export the logo as PNG", "brand.logo")
                if problem:
                    raise ModuleError([problem])
                return brand, logo
        return Brand(), None

    def locale(self, language: str) -> dict[str, str]:
        """UI words for `language` (base language fallback, then English), nearest layer first."""
        words: dict[str, str] = {}
        for code in ("en", language.split("-")[0], language):
            for layer in reversed(self.layers):
                file = layer.folder / "locale" / f"{code}.yaml"
                if file.is_file():
                    words.update(yaml.safe_load(file.read_text(encoding="utf-8")) or {})
        return words

    def environment(self) -> jinja2.Environment:
        folders = ([self.module_templates] if self.module_templates else []) + [
            layer.folder / "templates" for layer in self.layers]
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in folders if f.is_dir()]),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.policies["json.dumps_function"] = inline_json  # `| tojson` escapes as every inlined JSON must
        return env


def themes_root() -> Path:
    """Where the themes shipped with the tool live (the repo's themes/, or inside an installed wheel)."""
    installed = Path(__file__).resolve().parent.parent / "_themes"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "themes"


def load_theme(name: str, module_root: Path, pos: SourcePos, roots: list[Path] | None = None
               ) -> tuple[Theme | None, list[Problem]]:
    """Resolve a theme and its parents; a module's own `themes/` folder may add themes."""
    roots = roots or [module_root / "themes", themes_root()]
    layers: list[ThemeLayer] = []
    problems: list[Problem] = []
    current: str | None = name
    while current:
        if any(layer.config.name == current for layer in layers):
            problems.append(error(pos, f"theme '{current}' extends itself through its parents",
                                  "fix the 'extends' chain in theme.yaml"))
            break
        folder = next((root / current for root in roots if (root / current / "theme.yaml").is_file()), None)
        if folder is None:
            available = sorted({p.parent.name for root in roots if root.is_dir() for p in root.glob("*/theme.yaml")})
            problems.append(error(pos, f"theme '{current}' not found",
                                  f"available themes: {', '.join(available) or 'none'}", "theme"))
            break
        located = load_yaml((folder / "theme.yaml").read_text(encoding="utf-8"), str(folder / "theme.yaml"))
        config, found = validate(ThemeConfig, located)
        problems += located.problems + found
        if config is None:
            break
        layers.append(ThemeLayer(config, folder))
        current = config.extends or (None if current == BASE_THEME else BASE_THEME)
    if problems:
        return None, problems
    templates = module_root / "templates"
    return Theme(tuple(layers), templates if templates.is_dir() else None), []
