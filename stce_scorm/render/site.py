"""Render a checked module into the files of its package (everything except the manifest).

Output layout:
    index.html          the learner player: every page and the player's data inlined, so nothing
                        is fetched at run time
    player/player.js    the hand-written learner runtime (runtime/*.js joined), with the adapter of the
                        package's SCORM version
    theme/...           the theme chain's static files (CSS)
    media/...           processed images
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from stce_scorm.content.collation import glossary_order
from stce_scorm.errors import ModuleError, SourcePos, error
from stce_scorm.content.images import process_image, process_images
from stce_scorm.content.markdown_html import (
    MediaRef, RenderContext, is_phrasing, render_markdown, shared_context, term_index,
)
from stce_scorm.content.sanitize import active_content
from stce_scorm.player import PlayerContract
from stce_scorm.player.data import MAX_ANSWER_LENGTH, PLAYER_TEXT_KEYS
from stce_scorm.render.inline_json import inline_json
from stce_scorm.render.theme import Theme
from stce_scorm.render.wording import Words, format_number, format_percent_value, phrase
from stce_scorm.source.models import Lesson, Module, Page
from stce_scorm.source.texts import MediaUse, media_uses

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}
IMAGE_MAX_WIDTH = 1600


PLAYER_SCRIPT = "player/player.js"


LOAD_ORDER = RUNTIME / "load-order.txt"
TRACKER_FILES = {"1.2": ["scorm-api.js", "scorm12.js"], "2004": ["scorm-api.js", "scorm2004.js"]}


def load_order(tracker_files: list[str]) -> list[str]:
    """The player's source files in the order runtime/load-order.txt gives, with a target's tracker files
    in place of its "@tracker" line."""
    names: list[str] = []
    for line in LOAD_ORDER.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names += tracker_files if line == "@tracker" else [line]
    return names


def runtime_scripts(scorm_version: str) -> list[str]:
    """The player's source files in load order, with this version's tracker."""
    return load_order(TRACKER_FILES[scorm_version])


def player_script(scorm_version: str) -> bytes:
    """The runtime's files joined into one script: one request instead of eight, the code unchanged."""
    parts = [f"/* ---- {name} ---- */\n".encode() + (RUNTIME / name).read_bytes()
             for name in runtime_scripts(scorm_version)]
    return b"\n".join(parts)


@dataclass(frozen=True)
class PageView:
    """A page as the templates see it: ids, position, and its body as safe HTML."""

    lesson: Lesson
    page: Page
    html: Markup

    @property
    def anchor(self) -> str:
        return f"{self.lesson.id}-{self.page.id}"


def render_module(module: Module, theme: Theme, cache_dir: Path, scorm_versions: list[str],
                  player: PlayerContract) -> dict[str, dict[str, bytes]]:
    """Every file but the manifest, per SCORM version: version -> package path -> bytes."""
    shared: dict[str, bytes] = {}
    media: dict[str, MediaRef] = {}
    first_uses: dict[str, MediaUse] = {}
    for use in media_uses(module):
        first_uses.setdefault(use.src, use)
    uses = list(first_uses.values())
    images = [use.src for use in uses if use.kind != "file" and use.src not in module.translated_media]
    processed = dict(zip(images, process_images([module.root / src for src in images], cache_dir, IMAGE_MAX_WIDTH)))
    for use in uses:
        if use.kind == "file":  # a linked document: packaged as it is
            target = PurePosixPath(use.src).as_posix()
            shared[target] = (module.root / use.src).read_bytes()
            media[use.src] = MediaRef(target)
            continue
        image = processed.get(use.src) or process_image(module.root / use.src, cache_dir, IMAGE_MAX_WIDTH,
                                                        data=module.translated_media[use.src])
        target = (PurePosixPath(use.src).parent / image.name).as_posix()
        shared[target] = image.data
        media[use.src] = MediaRef(target, image.width, image.height)
    for target, source in theme.static_files().items():
        shared[target] = source.read_bytes()

    words = theme.locale(module.config.language)
    indexes = _index_pages(module, theme, media, words, scorm_versions, player)
    if theme.module_templates is not None:
        _refuse_added_active_content(indexes, _index_pages(module, replace(theme, module_templates=None), media,
                                                           words, scorm_versions, player), theme.module_templates)

    packages: dict[str, dict[str, bytes]] = {}
    for version in scorm_versions:
        files = dict(shared)
        files["index.html"] = indexes[version].encode("utf-8")
        files[PLAYER_SCRIPT] = player_script(version)
        packages[version] = files
    return packages


def _index_pages(module: Module, theme: Theme, media: dict[str, MediaRef], words: Words,
                 scorm_versions: list[str], player: PlayerContract) -> dict[str, str]:
    """index.html per SCORM version: every page, the knowledge checks and the player's data."""
    language = module.config.language
    env, context = content_environment(module, theme, media, words)
    env.globals["max_answer_length"] = MAX_ANSWER_LENGTH
    checks = {question.id: question for question in module.knowledge_checks}

    def render_check(question_id: str) -> str:
        return render_template(env, "knowledge_check.html", question=checks[question_id], text=words)

    pages: list[PageView] = []
    for lesson in module.lessons:
        for page in lesson.pages:
            html = Markup(render_markdown(page.body, context, render_check))
            pages.append(PageView(lesson, page, html))

    indexes: dict[str, str] = {}
    for version in scorm_versions:
        indexes[version] = render_template(
            env, "index.html",
            module=module.config, lessons=module.lessons, pages=pages, assessments=module.assessments,
            glossary=glossary_order(module.glossary), text=words,
            direction="rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr",
            stylesheets=theme.stylesheets(), scripts=[PLAYER_SCRIPT],
            player_json=Markup(player_json(player, words, version)),
        )
    return indexes


def player_json(player: PlayerContract, words: dict[str, str], scorm_version: str) -> str:
    """The player's data with the interface words in the module's language, safe to inline in a <script>."""
    text = {key: words.get(key, key) for key in PLAYER_TEXT_KEYS}
    return inline_json({**player.data, "scorm": scorm_version, "text": text})


def _refuse_added_active_content(indexes: dict[str, str], plain: dict[str, str], templates: Path) -> None:
    """A module's template overrides are author sources: they may change markup, never add scripts,
    frames or event handlers to the page. Compared on the rendered page, so no Jinja trick hides one."""
    for version, html in indexes.items():
        added = active_content(html) - active_content(plain[version])
        if added:
            raise ModuleError([error(SourcePos(str(templates)),
                                     f"a template override adds active content to the page: {sorted(added)[0]}",
                                     "templates may change markup, not add scripts, frames, event handlers "
                                     "or javascript: links")])


def content_environment(module: Module, theme: Theme, media: dict[str, MediaRef], words: Words
                        ) -> tuple[jinja2.Environment, RenderContext]:
    """The theme's templates with the filters that turn author Markdown into safe HTML (player and storyboard)."""
    context = shared_context(term_index(module.glossary), media, words)
    env = theme.environment()
    env.filters["markdown"] = lambda source: Markup(render_markdown(source, context))
    env.filters["markdown_inline"] = lambda source: Markup(render_markdown(source, context, inline=True))
    env.filters["media_src"] = lambda source: media[source].path
    env.tests["phrasing_markdown"] = lambda source: is_phrasing(render_markdown(source, context, inline=True))
    language = module.config.language  # numbers and plural forms by Babel (render/wording.py)
    env.filters["words"] = lambda key, **values: phrase(words, key, language, **values)
    env.filters["number"] = lambda value: format_number(value, language)
    env.filters["percent"] = lambda value: format_percent_value(value, language)
    return env, context


def render_template(env: jinja2.Environment, template: str, **values) -> str:
    """Render a template; a mistake in a theme or override template is reported at its line."""
    try:
        return env.get_template(template).render(**values)
    except jinja2.TemplateSyntaxError as exc:
        raise ModuleError([error(SourcePos(exc.filename or exc.name or template, exc.lineno, 1),
                                 f"template error: {exc.message}", "fix the template's Jinja syntax")]) from None
    except jinja2.TemplateError as exc:
        hint = ("templates may use only the values and helpers they are given"
                if isinstance(exc, SecurityError) else
                "check the names this template uses against the theme's own template")
        raise ModuleError([error(_template_position(exc) or SourcePos(_template_file(env, template)),
                                 f"template error: {exc}", hint)]) from None


def _template_position(exc: Exception) -> SourcePos | None:
    """The template line that failed: Jinja rewrites tracebacks so template frames carry the template's
    file and line."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith(".html")]
    return SourcePos(frames[-1].filename, frames[-1].lineno or 0, 1) if frames else None


def _template_file(env: jinja2.Environment, template: str) -> str:
    try:
        return env.loader.get_source(env, template)[1] or template
    except jinja2.TemplateNotFound:
        return template
