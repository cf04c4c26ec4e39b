"""Render a checked module into the files of its package (everything except the manifest).

Output layout, the same for every SCORM version:
    index.html          the learner player: every page inlined, so nothing is fetched at run time
    player/player.js    the hand-written learner runtime
    theme/...           the theme chain's static files (CSS)
    media/...           processed images
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from stce_scorm.render.images import process_image
from stce_scorm.render.markdown_html import MediaRef, RenderContext, render_markdown, term_index
from stce_scorm.render.theme import Theme
from stce_scorm.source.models import Lesson, Module, Page
from stce_scorm.source.texts import media_uses

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"
RUNTIME_SCRIPTS = ("player.js",)
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}
IMAGE_MAX_WIDTH = 1600


@dataclass(frozen=True)
class PageView:
    """A page as the templates see it: ids, position, and its body as safe HTML."""

    lesson: Lesson
    page: Page
    number: int  # 1-based, across the whole module
    html: Markup

    @property
    def anchor(self) -> str:
        return f"{self.lesson.id}-{self.page.id}"


def render_module(module: Module, theme: Theme, cache_dir: Path) -> dict[str, bytes]:
    """Every file of the package but the manifest, as package path -> bytes."""
    files: dict[str, bytes] = {}
    media: dict[str, MediaRef] = {}
    for use in media_uses(module):
        if use.src in media:
            continue
        image = process_image(module.root / use.src, cache_dir, IMAGE_MAX_WIDTH)
        target = (PurePosixPath(use.src).parent / image.name).as_posix()
        files[target] = image.data
        media[use.src] = MediaRef(target, image.width, image.height)

    language = module.config.language
    text = theme.locale(language)
    context = RenderContext(terms=term_index(module.glossary), media=media, labels=text)
    env = theme.environment()
    env.filters["markdown"] = lambda source: Markup(render_markdown(source, context))
    env.filters["markdown_inline"] = lambda source: Markup(render_markdown(source, context, inline=True))
    env.filters["media_src"] = lambda source: media[source].path
    checks = {question.id: question for question in module.knowledge_checks}

    def render_check(question_id: str) -> str:
        return env.get_template("knowledge_check.html").render(question=checks[question_id], text=text)

    pages: list[PageView] = []
    for lesson in module.lessons:
        for page in lesson.pages:
            html = Markup(render_markdown(page.body, context, render_check))
            pages.append(PageView(lesson, page, len(pages) + 1, html))

    index = env.get_template("index.html").render(
        module=module.config,
        lessons=module.lessons,
        pages=pages,
        assessments=module.assessments,
        glossary=sorted(module.glossary, key=lambda term: term.term.lower()),
        text=text,
        direction="rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr",
        stylesheets=theme.stylesheets(),
        scripts=[f"player/{name}" for name in RUNTIME_SCRIPTS],
    )
    files["index.html"] = index.encode("utf-8")
    for name in RUNTIME_SCRIPTS:
        files[f"player/{name}"] = (RUNTIME / name).read_bytes()
    for target, source in theme.static_files().items():
        files[target] = source.read_bytes()
    return files
