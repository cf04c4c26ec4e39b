"""One lesson rendered alone: its pages and the fragments that carry them, for the preview's save-and-look loop.

`render_module` (site.py) renders every page of a module. After an author saves one lesson, the preview
needs only that lesson's pages again (preview/lesson_update.py decides when that is enough). The pieces are
site.py's own (page_views, page_values, the page template, lesson_parts, fragment_script), put together as
`_player_pages` puts them, so the bytes are the same: tests/render/test_render_lesson.py compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stce_scorm.player import PlayerContract
from stce_scorm.render.fragments import Part, fragment_path, fragment_script, lesson_parts, part_details
from stce_scorm.render.site import content_environment, package_media, page_values, page_views, render_template
from stce_scorm.render.theme import Theme
from stce_scorm.source.models import Module


@dataclass(frozen=True)
class LessonPages:
    """One lesson as render_module renders it."""

    lesson: str
    sections: dict[str, str]  # page anchor -> its <section> of HTML, as index.html and all-pages.html hold it
    parts: tuple[Part, ...]  # how the pages are cut into fragments (the first lesson's first part is in index.html)
    fragments: dict[str, bytes]  # package path -> file, for each part that travels as pages/<part>.js


class LessonRenderer:
    """Renders single lessons with the templates, images and words of `module`: valid for any module that
    differs from it only in its lessons' text (same glossary, knowledge checks, theme and images used).

    Made once and kept, so the templates are compiled and the images looked up once, not at every save."""

    def __init__(self, module: Module, theme: Theme, cache_dir: Path) -> None:
        self.theme = theme
        self.words = theme.locale(module.config.language)
        _, media = package_media(module, cache_dir)
        self.env, self.context = content_environment(module, theme, media, self.words)

    def render(self, module: Module, lesson_id: str, player: PlayerContract) -> LessonPages:
        """Lesson `lesson_id` of `module`: its pages' sections, parts and fragment files."""
        number, lesson = next((n, lesson) for n, lesson in enumerate(module.lessons) if lesson.id == lesson_id)
        values = page_values(module, self.theme, self.words)
        views = page_views(module, [lesson], self.env, self.context, self.words)
        sections = {view.anchor: render_template(self.env, "page.html", view=view, **values) for view in views}
        parts = lesson_parts(lesson.id, [(anchor, len(html.encode())) for anchor, html in sections.items()],
                             first_alone=number == 0)
        titles = [[view.anchor, view.page.title] for view in views]
        shipped = parts[1:] if number == 0 else parts  # the first lesson's first part is in index.html
        questions = part_details(player.data, shipped)
        fragments = {}
        for part in shipped:
            payload = {"html": "".join(sections[anchor] for anchor in part.anchors), "titles": titles,
                       "questions": questions.get(part.name, {})}
            fragments[fragment_path(part.name)] = fragment_script(part.name, payload)
        return LessonPages(lesson.id, sections, tuple(parts), fragments)
