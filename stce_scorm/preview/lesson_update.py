"""A saved lesson rebuilt alone: the preview's fast path after an author edits the text of a lesson.

A full build loads every file, checks the module and renders every page (0.24 s of CPU for the WMD module,
twice what a lesson alone costs, most of which is the checks). When only lesson files changed, and what other pages show of those lessons stays the same, the
preview re-reads just those files, checks the whole module again (cross-references span files), and
renders only their pages: the lessons' fragments are replaced, all-pages.html takes the new pages in place
of the old, index.html stays. "Stays the same" is verified, not assumed:

- the lesson's outline (ids, titles, objectives, minutes, key points, page ids and titles): the contents
  list and the player's data show it;
- the player's data (which knowledge check sits on which page), the images and documents the lesson uses;
- how the lesson's pages are cut into fragments, and the pages index.html holds.

Anything else (another file, a template override, a problem in the sources) gets `None`, and the caller
makes a full build: the same files, and errors shown exactly as a full build reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stce_scorm.errors import ModuleError
from stce_scorm.pipeline import CheckedModule, check_loaded
from stce_scorm.render.lesson import LessonPages, LessonRenderer
from stce_scorm.render.site import READABLE_COPY
from stce_scorm.source.loader import lesson_paths, load_lesson
from stce_scorm.source.models import Lesson, Module
from stce_scorm.source.texts import media_uses


@dataclass
class GoodBuild:
    """What the preview keeps of its last good build: enough to rebuild a saved lesson alone."""

    checked: CheckedModule
    site: dict[str, bytes]  # the files every target's package shares (render_module's)
    image_cache: Path
    renderer: LessonRenderer | None = None  # made at the first lesson save, then kept
    rendered: dict[str, LessonPages] = field(default_factory=dict)  # lesson id -> its pages as `site` holds them
    updated: tuple[str, ...] = ()  # the lessons re-rendered alone to make this build; empty for a full build

    def lesson_pages(self, lesson_id: str) -> LessonPages:
        """Lesson `lesson_id` as this build rendered it."""
        if lesson_id not in self.rendered:
            self.rendered[lesson_id] = self.lesson_renderer().render(self.checked.module, lesson_id, self.checked.player)
        return self.rendered[lesson_id]

    def lesson_renderer(self) -> LessonRenderer:
        """The renderer of single lessons, made at the first lesson save and passed on to the builds after."""
        if self.renderer is None:
            self.renderer = LessonRenderer(self.checked.module, self.checked.theme, self.image_cache)
        return self.renderer


def update_lessons(build: GoodBuild, changed: set[Path]) -> GoodBuild | None:
    """The build after the lesson files `changed` were saved, or None when it takes a full build."""
    old = build.checked
    if old.theme.module_templates is not None:
        return None  # render_module compares the overrides' output with the theme's on every page
    index = {path.resolve(): n for n, path in enumerate(lesson_paths(old.module))}
    changed = {path.resolve() for path in changed}
    if not changed or not changed <= index.keys():
        return None
    lessons = list(old.module.lessons)
    for path in changed:
        lesson, problems = load_lesson(path)
        last = lessons[index[path]]
        if lesson is None or problems or _outline(lesson) != _outline(last) or \
                _media(old.module, lesson) != _media(old.module, last):
            return None
        lessons[index[path]] = lesson
    module = old.module.model_copy(update={"lessons": lessons})
    try:
        checked = check_loaded(module, [], None)
    except ModuleError:
        return None
    if checked.player.data != old.player.data:
        return None
    renderer = build.lesson_renderer()
    site, rendered = dict(build.site), dict(build.rendered)
    readable = site[READABLE_COPY].decode("utf-8")
    numbers = sorted(index[path] for path in changed)
    for n in numbers:
        before = build.lesson_pages(lessons[n].id)
        after = renderer.render(module, lessons[n].id, checked.player)
        if after.parts != before.parts or (n == 0 and _inline(after) != _inline(before)):
            return None  # index.html's data names the parts; it holds the first part's pages
        for anchor, html in after.sections.items():
            if html != before.sections[anchor]:
                if readable.count(before.sections[anchor]) != 1:
                    return None
                readable = readable.replace(before.sections[anchor], html)
        site.update(after.fragments)
        rendered[after.lesson] = after
    site[READABLE_COPY] = readable.encode("utf-8")
    return GoodBuild(checked, site, build.image_cache, renderer, rendered, tuple(lessons[n].id for n in numbers))


def _outline(lesson: Lesson) -> tuple:
    """What other pages show of a lesson: everything but its pages' text."""
    return (lesson.model_dump(exclude={"pages"}), [(page.id, page.title) for page in lesson.pages])


def _media(module: Module, lesson: Lesson) -> list[tuple[str, str]]:
    """The images and documents a lesson uses, each once, in order: the package holds each module's first use."""
    alone = module.model_copy(update={"lessons": [lesson], "knowledge_checks": [], "assessments": [], "glossary": []})
    return list(dict.fromkeys((use.src, use.kind) for use in media_uses(alone)))


def _inline(pages: LessonPages) -> list[str]:
    """The first part's pages: the ones index.html holds."""
    return [pages.sections[anchor] for anchor in pages.parts[0].anchors]
