"""One lesson rendered alone (render/lesson.py) gives the bytes the full render gives for that lesson: its
fragment files, and the page sections index.html and all-pages.html hold."""

from __future__ import annotations

import pytest

from repo_paths import EXAMPLE_MODULE, WMD_MODULE
from stce_scorm.pipeline import check_sources
from stce_scorm.render.lesson import LessonRenderer
from stce_scorm.render.site import READABLE_COPY, render_module


@pytest.mark.parametrize("module_dir", [EXAMPLE_MODULE, WMD_MODULE], ids=["example", "wmd"])
def test_each_lesson_rendered_alone_gives_the_full_renders_files_for_it(module_dir, tmp_path):
    checked = check_sources(module_dir)
    module, images = checked.module, tmp_path / "images"
    site = render_module(module, checked.theme, images, checked.player)
    readable = site[READABLE_COPY].decode("utf-8")
    renderer = LessonRenderer(module, checked.theme, images)
    every_lesson: dict[str, bytes] = {}
    for lesson in module.lessons:
        pages = renderer.render(module, lesson.id, checked.player)
        assert pages.fragments == {name: data for name, data in site.items() if name.startswith(f"pages/{lesson.id}-")}
        assert list(pages.sections) == [f"{lesson.id}-{page.id}" for page in lesson.pages]
        for html in pages.sections.values():
            assert readable.count(html) == 1
        every_lesson |= pages.fragments
    assert every_lesson == {name: data for name, data in site.items() if name.startswith("pages/")
                            and not name.startswith(("pages/assessment-", "pages/glossary"))}
    first = renderer.render(module, module.lessons[0].id, checked.player)
    inline = first.sections[first.parts[0].anchors[0]]
    assert inline in site["index.html"].decode("utf-8")  # the first page travels in index.html, not in a fragment
    assert f"pages/{first.parts[0].name}.js" not in first.fragments
