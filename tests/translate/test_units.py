"""Units: stable ids from the module's structure, every learner-facing text, nothing that is an id or a number.
The WMD module shows the ids of a real module; the smallest complete one (tests/fixtures/minimal) the texts."""

from __future__ import annotations

from pathlib import Path

from repo_paths import EVERY_QUESTION, MINIMAL, WMD_MODULE
from stce_scorm.source.loader import load_module
from stce_scorm.translate import Catalog, Entry, apply_translation, extract_units


def _units(root: Path):
    module, problems = load_module(root)
    assert module is not None and not [p for p in problems if p.severity == "error"]
    return module, extract_units(module)


def test_ids_are_unique_and_name_their_place():
    _, units = _units(WMD_MODULE)
    ids = [unit.id for unit in units]
    assert len(ids) == len(set(ids))
    assert "lesson/l3_classification/l3_two_systems/title" in ids
    assert "question/kc_l1_stce/pair.a.source" in ids
    assert "glossary/wmd/term" in ids
    assert "module/title" in ids


def test_learner_texts_are_units_and_ids_numbers_and_paths_are_not():
    _, units = _units(MINIMAL)
    texts = {unit.id: unit.text for unit in units}
    assert texts["lesson/l1_dual_use/p1/title"] == "Two uses, one item"
    assert texts["lesson/l1_dual_use/lists/title"] == "Control lists"  # the {#lists} id is not text
    assert texts["lesson/l1_dual_use/p1/3"] == "Why it matters"  # a block title
    figure = next(text for text in texts.values() if text.startswith("![A simple machine tool"))
    assert figure.endswith("missile parts.")  # image (alt text) and caption are one unit
    assert not any("kc_l1_list" == text for text in texts.values())  # '::: check ID' is not text
    assert not any(text.strip().replace(".", "").isdigit() for text in texts.values())


def test_a_unit_points_at_its_source_line():
    _, units = _units(MINIMAL)
    unit = next(u for u in units if u.id == "lesson/l1_dual_use/lists/title")
    lines = (MINIMAL / "lessons/01-dual-use.md").read_text(encoding="utf-8").splitlines()
    assert lines[unit.pos.line - 1] == "# Control lists {#lists}"


def test_adding_a_question_or_a_page_elsewhere_moves_no_unit(minimal_copy):
    _, before = _units(minimal_copy.path)
    minimal_copy.edit("lessons/01-dual-use.md", "# Control lists {#lists}",
                      "# A new page {#new_page}\n\nA new paragraph.\n\n# Control lists {#lists}")
    _, after = _units(minimal_copy.path)
    old = {u.id: u.text for u in before}
    new = {u.id: u.text for u in after}
    assert {k: v for k, v in new.items() if k in old} == old
    assert set(new) - set(old) == {"lesson/l1_dual_use/new_page/title", "lesson/l1_dual_use/new_page/1"}


def test_translating_every_unit_to_itself_changes_nothing():
    module, units = _units(WMD_MODULE)
    same = apply_translation(module, Catalog("fr", {u.id: Entry(u.text, u.text) for u in units}))
    assert [p.markdown for lesson in same.lessons for p in lesson.pages] == \
        [p.markdown for lesson in module.lessons for p in lesson.pages]
    assert same.config.language == "fr" and module.config.language == "en"  # the source module is untouched


def test_a_fill_in_answer_is_typed_in_the_package_s_language():
    """A French learner completes « une liste de ______ » with « contrôle »: the accepted answers are units, and
    the translated module accepts the translated word (a code or a number, with no letter, is no unit)."""
    module, units = _units(EVERY_QUESTION)
    texts = {unit.id: unit.text for unit in units}
    assert texts["question/q_list_term/accepted.0"] == "control"
    catalog = Catalog("fr", {"question/q_list_term/accepted.0": Entry("control", "contrôle")})
    french = apply_translation(module, catalog)
    [question] = [q for q in french.all_questions() if q.id == "q_list_term"]
    assert question.accepted == ["contrôle", "zq-overlooked-term"]  # an answer without its translation stays


def test_a_translated_heading_or_table_row_keeps_its_no_break_spaces():
    """French typography survives the page rewrite: a heading or table row is one line, and folding its
    whitespace must not turn the no-break space before a colon into one the line may break at."""
    module, _ = _units(MINIMAL)
    title = "Deux usages\u00a0: un seul bien, «\u00a0double\u00a0»"
    french = apply_translation(module, Catalog("fr", {"lesson/l1_dual_use/p1/title": Entry("Two uses, one item", title)}))
    page = french.lessons[0].pages[0]
    assert page.title == title and page.markdown.startswith(f"# {title}")
