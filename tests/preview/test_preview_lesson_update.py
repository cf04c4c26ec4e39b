"""A saved lesson rebuilt alone (preview/lesson_update.py, preview/builds.py): the same bytes as a full
rebuild, and a full build whenever the edit can reach other pages or has a problem, so errors show as
a full build reports them. The tests edit a copy of the fixture of two lessons (tests/fixtures/two_lessons)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from repo_paths import REPO, WMD_MODULE
from stce_scorm.errors import ModuleError
from stce_scorm.pipeline import check_sources, target_files
from stce_scorm.preview.builds import PreviewBuilds
from stce_scorm.preview.lesson_update import GoodBuild, update_lessons
from stce_scorm.render.site import render_module

LESSON_1 = "lessons/01-dual-use.md"
LESSON_2 = "lessons/02-at-the-border.md"


def full_build(module_dir: Path, images: Path) -> GoodBuild:
    checked = check_sources(module_dir, translations=False)
    return GoodBuild(checked, render_module(checked.module, checked.theme, images, checked.player), images)


@pytest.fixture
def two_lessons(module_copy):
    return module_copy("two_lessons")


@pytest.fixture
def images(tmp_path) -> Path:
    return tmp_path / "cache" / "images"


def test_a_page_text_edit_rebuilds_that_lesson_alone_with_a_full_builds_bytes(two_lessons, images):
    good = full_build(two_lessons.path, images)
    two_lessons.edit(LESSON_1, "of the items that need", "of the goods and technology that need")
    updated = update_lessons(good, {two_lessons.path / LESSON_1})
    assert updated is not None and updated.updated == ("l1_dual_use",)
    fresh = full_build(two_lessons.path, images)
    assert updated.site == fresh.site
    assert b"goods and technology" in updated.site["pages/l1_dual_use-2.js"]
    assert target_files(updated.checked.module, updated.site) == target_files(fresh.checked.module, fresh.site)
    assert updated.checked.warnings == fresh.checked.warnings

    # A second save builds on the first; two lessons saved together are both rebuilt.
    two_lessons.edit(LESSON_1, "Governments publish", "Most governments publish")
    two_lessons.edit(LESSON_2, "stop the goods", "hold the goods")
    again = update_lessons(updated, {two_lessons.path / LESSON_1, two_lessons.path / LESSON_2})
    assert again is not None and again.updated == ("l1_dual_use", "l2_border")
    assert again.site == full_build(two_lessons.path, images).site


@pytest.mark.parametrize(("file", "old", "new"), [
    pytest.param(LESSON_1, "a normal civil use", "an everyday civil use", id="the first page: index.html holds it"),
    pytest.param(LESSON_1, "# Control lists {#lists}", "# Lists {#lists}", id="a page title: the contents show it"),
    pytest.param(LESSON_1, "# Control lists {#lists}", "# Control lists {#control-lists}", id="a page id"),
    pytest.param(LESSON_1, "minutes: 5", "minutes: 7", id="the front matter"),
    pytest.param(LESSON_2, "::: check kc_l2_act\n:::\n", "", id="a knowledge check taken off a page"),
    pytest.param(LESSON_2, "::: tip Remember", "![A machine tool.](media/machine-tool.svg)\n\n::: tip Remember",
                 id="an image newly used by the lesson"),
    pytest.param(LESSON_2, "::: check kc_l2_act", "::: check kc_l2_missing", id="an error"),
    pytest.param(LESSON_2, "title: At the border", "title: [At the border", id="a front matter error"),
    pytest.param("module.yaml", "navigation: free", "navigation: linear", id="module.yaml"),
    pytest.param("glossary.yaml", "dual", "Dual", id="the glossary"),
])
def test_an_edit_that_can_reach_other_pages_takes_a_full_build(two_lessons, images, file, old, new):
    good = full_build(two_lessons.path, images)
    two_lessons.edit(file, old, new)
    assert update_lessons(good, {two_lessons.path / file}) is None


def test_a_module_with_template_overrides_takes_a_full_build(two_lessons, images):
    templates = two_lessons.path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text((REPO / "themes" / "base" / "templates" / "page.html").read_text(
        encoding="utf-8").replace('<p class="page-lesson">', '<p class="page-lesson overridden">'), encoding="utf-8")
    good = full_build(two_lessons.path, images)
    assert b"page-lesson overridden" in good.site["pages/l1_dual_use-2.js"]
    two_lessons.edit(LESSON_1, "of the items that need", "of the goods and technology that need")
    assert update_lessons(good, {two_lessons.path / LESSON_1}) is None  # each page is compared with the theme's


def test_in_the_wmd_module_a_saved_lesson_gives_a_full_builds_bytes_until_its_pages_split_otherwise(tmp_path, images):
    module = tmp_path / "wmd"
    shutil.copytree(WMD_MODULE, module)
    lesson = module / "lessons" / "03-classification.md"
    good = full_build(module, images)
    lesson.write_text(lesson.read_text(encoding="utf-8").rstrip("\n") + " An added word.\n", encoding="utf-8")
    updated = update_lessons(good, {lesson})
    assert updated is not None and updated.updated == ("l3_classification",)
    assert updated.site == full_build(module, images).site

    heading = "# Two systems with different purposes {#l3_two_systems}\n"
    long_text = heading + "\nA long paragraph. " + "Many more words on this page. " * 500 + "\n"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(heading, long_text), encoding="utf-8")
    assert update_lessons(updated, {lesson}) is None  # its first part, three pages, no longer fits in one fragment


def test_the_preview_serves_a_saved_lesson_rebuilt_alone_and_an_error_as_a_full_build_reports_it(two_lessons, tmp_path):
    builds = PreviewBuilds(two_lessons.path.resolve(), tmp_path / "work", tmp_path / "cache")
    assert builds.rebuild().ok and builds.status.lessons == ()
    two_lessons.edit(LESSON_2, "stop the goods", "hold the goods")
    status = builds.rebuild()
    assert status.ok and status.lessons == ("l2_border",)
    fresh = full_build(two_lessons.path, tmp_path / "images")
    for version, files in target_files(fresh.checked.module, fresh.site).items():
        site = builds.site(version)
        assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == files

    two_lessons.edit(LESSON_2, "::: check kc_l2_act", "::: check kc_l2_missing")
    with pytest.raises(ModuleError) as raised:
        check_sources(two_lessons.path, translations=False)
    failed = builds.rebuild()
    assert not failed.ok and failed.problems == tuple(str(p) for p in raised.value.problems)
    assert "kc_l2_missing" in failed.problems[0]
    assert b"hold the goods" in (builds.site("1.2") / "pages/l2_border-1.js").read_bytes()  # the last good build stays

    two_lessons.edit(LESSON_2, "::: check kc_l2_missing", "::: check kc_l2_act")
    fixed = builds.rebuild()
    assert fixed.ok and fixed.lessons == ("l2_border",)  # compared with the last good build, not the failed one

    two_lessons.edit("module.yaml", "navigation: free", "navigation: linear")
    assert builds.rebuild().lessons == ()
