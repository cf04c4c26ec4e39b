"""The storyboard as one self-contained HTML document.

Page content goes through the player's Markdown renderer and sanitiser, then three changes make it
fit for review on paper: images become data: URIs (one file to send around), each image gets its
alt text printed beside it (reviewers must check what screen-reader users hear), and accordion
panels are opened (paper cannot click). Everything else is markup in the theme's templates.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import jinja2
from markupsafe import Markup

from stce_scorm.content.collation import glossary_order
from stce_scorm.content.images import ProcessedImage, process_image
from stce_scorm.content.markdown_html import MediaRef, RenderContext, render_markdown
from stce_scorm.render.site import IMAGE_MAX_WIDTH, RIGHT_TO_LEFT, content_environment, render_template
from stce_scorm.render.theme import Theme
from stce_scorm.render.wording import Words
from stce_scorm.source.models import Lesson, Module, Objective, Page, QuestionBase
from stce_scorm.source.texts import media_uses

_IMG_TAG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_SRC = re.compile(r'\ssrc="[^"]*"')
_CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\sopen[\s>=])")


@dataclass(frozen=True)
class PageEntry:
    """A page as the storyboard shows it: citable id, source id and place, and its rendered body."""

    cite: str  # "L3-P2": lesson and page numbers, what reviewers write in their comments
    lesson: Lesson
    page: Page
    html: Markup

    @property
    def source_id(self) -> str:
        """The author's ids ("l3_classification/correlation"), stable when pages move."""
        return f"{self.lesson.id}/{self.page.id}"

    @property
    def location(self) -> str:
        """Where an author finds the page: its lesson file and heading line."""
        return f"{self.lesson.file}:{self.page.first_line}"


@dataclass(frozen=True)
class LessonEntry:
    number: int
    lesson: Lesson
    pages: list[PageEntry]

    @property
    def cite(self) -> str:
        return f"L{self.number}"


def render_storyboard(module: Module, theme: Theme, answers: bool = True, cache_dir: Path | None = None) -> str:
    """The storyboard of a checked module as one HTML document (images inlined); without answers, a handout."""
    from stce_scorm.user_cache import default_cache_dir

    config = module.config
    words = theme.locale(config.language)
    images = _images(module, (cache_dir or default_cache_dir()) / "images")
    media = {src: MediaRef(src, image.width, image.height) for src, image in images.items()}
    media.update({use.src: MediaRef(use.src) for use in media_uses(module) if use.kind == "file"})
    env, context = review_environment(module, theme, media, words, answers)

    checks = {question.id: question for question in module.knowledge_checks}
    placed: list[str] = []

    def render_check(question_id: str) -> str:
        placed.append(question_id)
        return render_template(env, "storyboard_check.html", question=checks[question_id])

    lessons = []
    for number, lesson in enumerate(module.lessons, 1):
        # Lesson files are recorded as the loader opened them; reviewers and authors need the path in the module.
        lesson = lesson.model_copy(update={"file": _module_path(module.root, lesson.file)})
        pages = [PageEntry(f"L{number}-P{index}", lesson, page,
                           Markup(render_markdown(page.body, context, render_check)))
                 for index, page in enumerate(lesson.pages, 1)]
        lessons.append(LessonEntry(number, lesson, pages))

    language = config.language
    document = render_template(
        env, "storyboard.html",
        module=config, lessons=lessons, assessments=module.assessments,
        unplaced_checks=[question for question in module.knowledge_checks if question.id not in placed],
        glossary=glossary_order(module.glossary),
        stylesheet=Markup(_stylesheet(theme)),
        direction="rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr",
    )
    return _print_ready(document, images, env)


def review_environment(module: Module, theme: Theme, media: dict[str, MediaRef], words: Words,
                       answers: bool) -> tuple[jinja2.Environment, RenderContext]:
    """The player's content environment plus what the storyboard's question macros need (the
    workshop kit's guide and handout import the same macros)."""
    env, context = content_environment(module, theme, media, words)  # with the words, number and percent filters
    env.filters["correct_ids"] = correct_ids
    # Globals, not render arguments: the question macros are imported without the caller's context.
    env.globals.update(text=words, answers=answers, objectives=_objectives(module))
    return env, context


def correct_ids(question: QuestionBase) -> list[str]:
    """Ids of the choices a learner must select: choice ids, or "true"/"false" for true-or-false questions."""
    correct = getattr(question, "correct", None)
    if isinstance(correct, bool):
        return ["true" if correct else "false"]
    if isinstance(correct, str):
        return [correct]
    if isinstance(correct, list):
        return list(correct)
    return []


def _module_path(root: Path, file: str) -> str:
    """A lesson file relative to the module folder, whatever folder the tool was run from."""
    path = Path(file)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _objectives(module: Module) -> dict[str, Objective]:
    return {objective.id: objective for lesson in module.lessons for objective in lesson.objectives}


def _images(module: Module, cache_dir: Path) -> dict[str, ProcessedImage]:
    """Every image, processed as the build processes it (upright, no EXIF, at most the player's width; a
    diagram with its words in the module's language)."""
    images: dict[str, ProcessedImage] = {}
    for use in sorted(media_uses(module), key=lambda use: use.src):
        if use.kind == "image" and use.src not in images:
            images[use.src] = process_image(module.root / use.src, cache_dir, IMAGE_MAX_WIDTH,
                                            data=module.translated_media.get(use.src))  # a diagram's translated words
    return images


def _stylesheet(theme: Theme) -> str:
    """print/storyboard.css from the nearest theme layer that has one, inlined: the document stays one file.
    It lives outside static/, so packages do not carry it."""
    sheet = theme.file("print/storyboard.css")
    return sheet.read_text(encoding="utf-8") if sheet else ""


def _print_ready(document: str, images: dict[str, ProcessedImage], env: jinja2.Environment) -> str:
    """Inline images as data: URIs with their alt text beside them, and open every accordion panel."""
    def with_alt(match: re.Match) -> str:
        tag = match.group(0)
        attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        image = images.get(attributes.get("src", ""))
        if image is not None:
            uri = f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"
            tag = _SRC.sub(lambda _: f' src="{uri}"', tag, count=1)
        return tag + render_template(env, "storyboard_alt_text.html", alt=attributes.get("alt", "")).strip()

    document = _IMG_TAG.sub(with_alt, document)
    return _CLOSED_DETAILS.sub("<details open", document)
