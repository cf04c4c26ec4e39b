"""Render a checked module into the files of its package (everything except the manifest).

Output layout:
    index.html          the learner player: its shell, the first page and the player's data (the same
                        file in every target's package)
    pages/*.js          the other pages, each assessment and the glossary, as fragments the player adds
                        by script tag when needed (render/fragments.py)
    all-pages.html      every page in one document, linked from index.html for a browser without JavaScript
    player/player.js    the hand-written learner runtime (runtime/*.js joined, minified), with the tracker
                        files of the package's output target: the only file that differs between targets
    theme/...           the theme chain's static files (CSS)
    media/...           processed images
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import jinja2
import rjsmin
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
from stce_scorm.render.fragments import delivery_data, fragment_path, fragment_script, lesson_parts
from stce_scorm.render.inline_json import inline_json
from stce_scorm.render.theme import Theme
from stce_scorm.render.wording import Words, format_number, format_percent_value, phrase
from stce_scorm.source.models import Lesson, Module, Page
from stce_scorm.source.texts import MediaUse, media_uses

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}
IMAGE_MAX_WIDTH = 1600


PLAYER_SCRIPT = "player/player.js"
READABLE_COPY = "all-pages.html"


LOAD_ORDER = RUNTIME / "load-order.txt"
MINIFIED_HEADER = (b"/* stce-scorm learner player, minified: the readable source is stce_scorm/runtime/*.js "
                   b"(`stce-scorm preview` serves it as written) */\n")


def load_order(tracker_files: tuple[str, ...]) -> list[str]:
    """The player's source files in the order runtime/load-order.txt gives, with a target's tracker files
    in place of its "@tracker" line."""
    names: list[str] = []
    for line in LOAD_ORDER.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names += tracker_files if line == "@tracker" else [line]
    return names


def runtime_scripts(tracker_files: tuple[str, ...]) -> list[str]:
    """The player's source files in load order, with a target's tracker."""
    return load_order(tracker_files)


def player_script(tracker_files: tuple[str, ...], readable: bool = False) -> bytes:
    """The runtime's files joined into one script: one request instead of eight. Packages ship it
    minified (comments and spaces out, names kept: 103 KB -> 65 KB, so the first page costs a learner
    less to load and to parse); `readable` keeps the code as written, for the preview and debugging."""
    parts = [f"/* ---- {name} ---- */\n".encode() + (RUNTIME / name).read_bytes()
             for name in runtime_scripts(tracker_files)]
    joined = b"\n".join(parts)
    if readable:
        return joined
    return MINIFIED_HEADER + rjsmin.jsmin(joined) + b"\n"


@dataclass(frozen=True)
class PageView:
    """A page as the templates see it: ids, position, and its body as safe HTML."""

    lesson: Lesson
    page: Page
    html: Markup

    @property
    def anchor(self) -> str:
        return f"{self.lesson.id}-{self.page.id}"


def render_module(module: Module, theme: Theme, cache_dir: Path, player: PlayerContract,
                  compiled_templates: Path | None = None) -> dict[str, bytes]:
    """Every file the targets share, rendered once: package path -> bytes. Each target adds its
    runtime (`player_script`) and its manifest. `cache_dir` holds processed images; `compiled_templates`,
    if given, the theme's templates compiled by an earlier build (render/compiled_templates.py)."""
    shared, media = package_media(module, cache_dir)
    for target, source in theme.static_files().items():
        shared[target] = source.read_bytes()

    words = theme.locale(module.config.language)
    site = _player_pages(module, theme, media, words, player, compiled_templates)
    if theme.module_templates is not None:
        _refuse_added_active_content(site, _player_pages(module, replace(theme, module_templates=None), media,
                                                         words, player, compiled_templates), theme.module_templates)
    shared.update(site.files())
    return shared


def package_media(module: Module, cache_dir: Path) -> tuple[dict[str, bytes], dict[str, MediaRef]]:
    """The images and linked documents the module uses, as package files, and where each source path went."""
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
    return shared, media


@dataclass
class PlayerPages:
    """One package's learner pages: index.html, and the fragments the player adds on demand
    (render/fragments.py) as their HTML and the data that travels with it."""

    index: str
    readable: str  # every page in one document, for a browser without JavaScript
    fragments: dict[str, tuple[str, dict]]

    def files(self) -> dict[str, bytes]:
        files = {"index.html": self.index.encode("utf-8"), READABLE_COPY: self.readable.encode("utf-8")}
        for name, (html, extra) in self.fragments.items():
            files[fragment_path(name)] = fragment_script(name, {"html": html, **extra})
        return files

    def html(self) -> str:
        """Every piece of HTML the learner can get, for the active-content comparison."""
        return self.index + self.readable + "".join(html for html, _ in self.fragments.values())


def _player_pages(module: Module, theme: Theme, media: dict[str, MediaRef], words: Words,
                  player: PlayerContract, compiled_templates: Path | None = None) -> PlayerPages:
    """index.html with the first page, and the fragments: every other part of a lesson,
    each assessment, the glossary (render/fragments.py)."""
    env, context = content_environment(module, theme, media, words, compiled_templates)
    pages = page_views(module, module.lessons, env, context, words)
    values = page_values(module, theme, words)
    glossary = values["glossary"]
    section = {view.anchor: render_template(env, "page.html", view=view, **values) for view in pages}
    parts = [part for number, lesson in enumerate(module.lessons) for part in lesson_parts(
        lesson.id, [(view.anchor, len(section[view.anchor].encode())) for view in pages if view.lesson is lesson],
        first_alone=number == 0)]
    inline = parts[0]
    fragments: dict[str, tuple[str, dict]] = {}
    titles_of = {lesson.id: [[view.anchor, view.page.title] for view in pages if view.lesson is lesson]
                 for lesson in module.lessons}  # per lesson once: a lesson has a part per few pages
    for part in parts[1:]:
        titles = titles_of[part.lesson]
        fragments[part.name] = ("".join(section[anchor] for anchor in part.anchors), {"titles": titles})
    for assessment in module.assessments:
        fragments[f"assessment-{assessment.id}"] = (render_template(env, "assessment.html", assessment=assessment,
                                                                     **values), {})
    if glossary:
        fragments["glossary"] = (render_template(env, "glossary.html", **values), {})

    # The contents list the first part's pages and each lesson's first page; the rest come with the parts.
    toc_pages = [view for view in pages if view.anchor in inline.anchors or view.page is view.lesson.pages[0]]
    lesson_pages = [(lesson.id, [page.id for page in lesson.pages]) for lesson in module.lessons]
    # Without JavaScript nothing arrives: index.html links to every page in one document, as it used to be.
    readable = render_template(env, "index.html", **{**values, "scripts": []}, pages=pages, toc_pages=pages,
                               appendix=[Markup(fragments[name][0]) for name in fragments if name not in
                                         {part.name for part in parts}], player_json=Markup("{}"), readable_copy=None)
    data, details = delivery_data(player_data(player, words), lesson_pages, parts, inline)
    index = render_template(
        env, "index.html", **values, pages=[view for view in pages if view.anchor in inline.anchors],
        toc_pages=toc_pages, appendix=[], player_json=Markup(inline_json(data)), readable_copy=READABLE_COPY,
    )
    return PlayerPages(index, readable, {name: (html, {**extra, "questions": details.get(name, {})})
                                         for name, (html, extra) in fragments.items()})


def page_views(module: Module, lessons: list[Lesson], env: jinja2.Environment, context: RenderContext,
               words: Words) -> list[PageView]:
    """The pages of `lessons` with their Markdown rendered; a knowledge check placed on a page renders there."""
    env.globals["max_answer_length"] = MAX_ANSWER_LENGTH
    checks = {question.id: question for question in module.knowledge_checks}

    def render_check(question_id: str) -> str:
        return render_template(env, "knowledge_check.html", question=checks[question_id], text=words)

    return [PageView(lesson, page, Markup(render_markdown(page.body, context, render_check)))
            for lesson in lessons for page in lesson.pages]


def page_values(module: Module, theme: Theme, words: Words) -> dict:
    """What every page template sees besides its page."""
    language = module.config.language
    return dict(module=module.config, lessons=module.lessons, assessments=module.assessments,
                glossary=glossary_order(module.glossary), text=words,
                direction="rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr",
                stylesheets=theme.stylesheets(), scripts=[PLAYER_SCRIPT])


def player_data(player: PlayerContract, words: Words) -> dict:
    """The player's data with the interface words in the module's language."""
    text = {key: words.get(key, key) for key in PLAYER_TEXT_KEYS}
    return {**player.data, "text": text}


def player_json(player: PlayerContract, words: Words) -> str:
    """The player's data with the interface words in the module's language, safe to inline in a <script>."""
    return inline_json(player_data(player, words))


def _refuse_added_active_content(site: PlayerPages, plain: PlayerPages, templates: Path) -> None:
    """A module's template overrides are author sources: they may change markup, never add scripts,
    frames or event handlers to the page. Compared on the rendered pages (index.html and every fragment),
    so no Jinja trick hides one."""
    added = active_content(site.html()) - active_content(plain.html())
    if added:
        raise ModuleError([error(SourcePos(str(templates)),
                                 f"a template override adds active content to the page: {sorted(added)[0]}",
                                 "templates may change markup, not add scripts, frames, event handlers "
                                 "or javascript: links")])


def content_environment(module: Module, theme: Theme, media: dict[str, MediaRef], words: Words,
                        compiled_templates: Path | None = None) -> tuple[jinja2.Environment, RenderContext]:
    """The theme's templates with the filters that turn author Markdown into safe HTML (player and storyboard)."""
    context = shared_context(term_index(module.glossary), media, words)
    env = theme.environment(compiled_templates)
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
        return env.loader.get_source(env, template)[1] or template if env.loader else template
    except jinja2.TemplateNotFound:
        return template
