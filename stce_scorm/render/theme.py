"""Themes: a lookup chain of template and static folders.

A module's own `templates/` come first, then its theme, then the theme it `extends`, down to
`base`, the built-in default. A module overrides one template by placing a file of the same
name in its `templates/` folder; it never copies a whole theme (MkDocs and Pelican work alike).

What is trusted: the themes installed with the tool. A module's own `templates/` and `themes/` are
author sources like its lessons, so every file of the chain must lie inside its theme or module
folder (a symbolic link out of it is an error), theme names are plain names (no `extends: ../..`),
and every template renders in Jinja's sandbox, which can call nothing but template helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner
from pydantic import Field

from stce_scorm.errors import ModuleError, Problem, SourcePos, error
from stce_scorm.render.compiled_templates import compiled_templates
from stce_scorm.render.inline_json import inline_json
from stce_scorm.render.wording import PLURAL_CATEGORIES, Words
from stce_scorm.source import paths
from stce_scorm.source.models import SourceModel
from stce_scorm.source.validation import validate
from stce_scorm.source.yaml_loader import load_yaml

BASE_THEME = "base"
THEME_NAME = r"^[a-z][a-z0-9_-]*$"
THEME_FOLDERS = ("static", "templates", "locale", "print")
AUTOESCAPE = ("html", "xml")  # templates whose names end so escape every value they print


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

    name: str = Field(pattern=THEME_NAME, description="The theme's folder name.")
    extends: str | None = Field(None, pattern=THEME_NAME,
                                description="Theme this one builds on; 'base' is the built-in default.")
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
                if logo is not None and logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
                    problem = error(brand.field_pos("logo"), f"logo '{brand.logo}' is not a PNG or JPEG file",
                                    "slides and print take PNG or JPEG logos; export the logo as PNG", "brand.logo")
                if problem:
                    raise ModuleError([problem])
                return brand, logo
        return Brand(), None

    def locale(self, language: str) -> Words:
        """UI words for `language` (base language fallback, then English), nearest layer first."""
        words: Words = {}
        for code in ("en", language.split("-")[0], language):
            for layer in reversed(self.layers):
                file = layer.folder / "locale" / f"{code}.yaml"
                if file.is_file():
                    words.update(_locale_words(file)[0])
        return words

    def environment(self, compiled: Path | None = None) -> jinja2.Environment:
        """The template environment of the chain; `compiled`: a folder that keeps compiled templates
        between processes (render/compiled_templates.py)."""
        folders = ([self.module_templates] if self.module_templates else []) + [
            layer.folder / "templates" for layer in self.layers]
        env = TemplateSandbox(
            loader=jinja2.FileSystemLoader([str(f) for f in folders if f.is_dir()]),
            autoescape=jinja2.select_autoescape(AUTOESCAPE),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=compiled_templates(compiled, AUTOESCAPE),
            auto_reload=False,  # one environment per build: no template changes under it, so no stat per include
        )
        env.policies["json.dumps_function"] = inline_json  # `| tojson` escapes as every inlined JSON must
        return env


class TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox, narrowed further: a template may call its own macros and the methods of text,
    lists and mappings, never a method of an object we pass in (a Path's read_text, for one)."""

    def is_safe_callable(self, obj: object) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, (Macro, BlockReference)) or any(obj is value for value in self.globals.values()):
            return True
        owner = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)  # the sandbox wraps str.format
        return isinstance(owner, (str, dict, list, tuple, LoopContext, Cycler, Joiner))


def _locale_words(file: Path) -> tuple[Words, list[Problem]]:
    """A locale file: a mapping of word keys to text, or to plural forms (CLDR category -> text,
    `other` required: render/wording.py), or problems at its lines."""
    return _read_locale(file.read_text(encoding="utf-8-sig"), str(file))


@lru_cache(maxsize=256)  # a build reads each locale file several times (checks, player, templates): parse it once
def _read_locale(text: str, file: str) -> tuple[Words, list[Problem]]:
    located = load_yaml(text, file)
    if located.problems:
        return {}, located.problems
    data = located.data
    if not isinstance(data, dict):
        return {}, [error(located.pos(()), "a locale file maps word keys to text",
                          "write one 'key: text' line per word, e.g. 'next: Next'")]
    bad = [key for key, value in data.items() if not (isinstance(value, str) or _plural_forms(value))]
    return ({key: value for key, value in data.items() if key not in bad},
            [error(located.pos((key,)), f"'{key}' must be text, or plural forms",
                   "quote it if YAML reads it as something else; plural forms map "
                   f"{', '.join(PLURAL_CATEGORIES)} to text and always give 'other'", key)
             for key in bad])


def _plural_forms(value: object) -> bool:
    return (isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_CATEGORIES)
            and all(isinstance(text, str) for text in value.values()))


def _shown(file: Path) -> str:
    """A theme file as the author knows it: relative to the working folder if inside it, links not followed."""
    try:
        return str(file.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def _outside(file: Path, base: Path) -> bool:
    real, real_base = file.resolve(), base.resolve()
    return real != real_base and real_base not in real.parents


def _file_problems(folder: Path, base: Path) -> list[Problem]:
    """Every file under a theme's or module's template, static, locale and print folders must stay inside
    `base`, and every SVG there passes the SVG check: they end up in the package or the page."""
    from stce_scorm.content.images import svg_problems

    problems: list[Problem] = []
    for file in sorted(folder.rglob("*")):
        if _outside(file, base):
            problems.append(error(SourcePos(_shown(file)), "this is a link to a place outside the theme or module",
                                  "copy the file in instead of linking to it"))
        elif file.is_file() and file.suffix.lower() == ".svg":
            problems += svg_problems(file.read_bytes(), _shown(file))
        elif file.is_file() and file.parent.name == "locale" and file.suffix == ".yaml":
            problems += _locale_words(file)[1]
    return problems


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
        if folder is not None and _outside(folder, module_root if folder.is_relative_to(module_root) else folder.parent):
            problems.append(error(pos, f"theme '{current}' is a link to a place outside the module",
                                  "copy the theme into the module's themes/ folder", "theme"))
            break
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
    templates = module_root / "templates"
    for layer in layers:
        base = module_root if layer.folder.is_relative_to(module_root) else layer.folder
        for name in THEME_FOLDERS:
            if (layer.folder / name).exists():
                problems += _file_problems(layer.folder / name, base)
    if templates.exists():
        problems += _file_problems(templates, module_root)
    if problems:
        return None, problems
    return Theme(tuple(layers), templates if templates.is_dir() else None), []
