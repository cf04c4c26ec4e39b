"""The kit content: key points by default and by the author's choice (`key_points`), scenario pages as
discussions, and every bad `key_points` reported at its line with nothing written. The tests edit a copy of the
smallest complete module (tests/fixtures/minimal), or of the one with two lessons for a second lesson's page."""

from __future__ import annotations

import pytest
from pptx import Presentation

from stce_scorm.pipeline import load_and_check
from stce_scorm.errors import ModuleError
from stce_scorm.workshop import write_workshop
from stce_scorm.workshop.kit import kit_content
from stce_scorm.workshop.points import default_key_points, page_text

pytestmark = pytest.mark.slow  # LibreOffice or WeasyPrint: see the `slow` marker in pyproject.toml

LESSON_1 = "lessons/01-dual-use.md"
FRONT_MATTER_END = "    text: Describe what a control list is for.\n---"


def with_key_points(copy, yaml: str):
    return copy.edit(LESSON_1, FRONT_MATTER_END,
                             "    text: Describe what a control list is for.\n" + yaml + "---")


def test_default_key_points_are_the_first_paragraph_and_top_level_list_items():
    body = ("Opening paragraph with a [[term|t]].\n\nA second paragraph.\n\n- one\n- two\n  - nested\n\n"
            "::: note Aside\n- not a point\n:::\n")
    assert default_key_points(body) == ["Opening paragraph with a term.", "one", "two"]


def test_a_page_with_only_blocks_gives_each_blocks_first_paragraph_after_its_title():
    body = ":::: tabs\n::: tab The goods\nVague text.\n\nMore.\n:::\n::: tab The route\nOdd route.\n:::\n::::\n"
    assert default_key_points(body) == ["The goods: Vague text.", "The route: Odd route."]


def test_page_text_keeps_headings_block_titles_and_bullets():
    text = page_text("## Why\n\n- a\n- b\n\n::: warning Red flags\nWatch out.\n:::\n\n::: check kc_x\n:::\n")
    assert text.splitlines() == ["Why:", "• a", "• b", "Red flags:", "Watch out."]


def test_the_authors_key_points_replace_the_default_and_an_empty_list_drops_the_page(minimal_copy, tmp_path):
    with_key_points(minimal_copy, "key_points:\n  p1:\n    - \"Civil and military use: **same goods**\"\n"
                                  "    - Look at the [[dual-use item]]\n  lists: []\n")
    module, _ = load_and_check(minimal_copy.path)
    kit = kit_content(module, "Scenario")
    pages = {page.page.id: page for page in kit.lessons[0].pages}
    assert pages["p1"].key_points == ("Civil and military use: same goods", "Look at the dual-use item")
    assert pages["lists"].key_points == ()
    slides = Presentation(write_workshop(minimal_copy.path, tmp_path).slides).slides
    bodies: dict[str, str] = {}  # title -> the body text of every slide with that title
    for slide in slides:
        body = " ".join(shape.text_frame.text for shape in slide.shapes
                        if shape.has_text_frame and shape.name == "Body")
        title = slide.shapes.title.text_frame.text
        bodies[title] = f"{bodies.get(title, '')} {body}"
    assert "Look at the dual-use item" in bodies["Two uses, one item"]
    assert "Control lists" not in bodies  # no key points: no slide (its poll still runs)
    assert "Quick poll" in bodies


def test_a_long_page_goes_on_to_continuation_slides(minimal_copy, tmp_path):
    points = "".join(f"    - Point {n}. " + "A fairly long sentence about the goods and the route. " * 3 + "\n"
                     for n in range(1, 16))
    with_key_points(minimal_copy, "key_points:\n  p1:\n" + points)
    slides = Presentation(write_workshop(minimal_copy.path, tmp_path).slides).slides
    titles = [slide.shapes.title.text_frame.text for slide in slides]
    assert "Two uses, one item (continued)" in titles
    text = " ".join(s.text_frame.text for slide in slides for s in slide.shapes if s.has_text_frame)
    for n in range(1, 16):
        assert f"Point {n}." in text


@pytest.mark.parametrize("yaml, message", [
    ("key_points:\n  nowhere:\n    - A point\n", "key_points: names page 'nowhere', which lesson 'l1_dual_use' "
                                                  "does not have"),
    ("key_points:\n  p1:\n    - Look at the [[end usr]]\n", "glossary term 'end usr' is not defined"),
    ("key_points:\n  p1:\n    - <script>alert(1)</script> point\n", "<script> is removed by the sanitiser"),
    ("key_points:\n  p1: A point\n", "key_points"),
    ("key_points:\n  p1:\n    - ''\n", "key_points"),
])
def test_bad_key_points_are_reported_at_their_line_and_nothing_is_written(minimal_copy, tmp_path, yaml, message):
    with_key_points(minimal_copy, yaml)
    out = tmp_path / "out"
    with pytest.raises(ModuleError) as caught:
        write_workshop(minimal_copy.path, out)
    report = caught.value.format_message()
    assert message in report, report
    line = minimal_copy.line_of(LESSON_1, "key_points:")
    assert any(p.pos.file.endswith(LESSON_1) and line <= p.pos.line <= line + 2 for p in caught.value.problems), report
    assert "Traceback" not in report
    assert not out.exists()


def test_scenario_pages_become_discussions_whose_answer_stays_off_the_slides(module_copy):
    two_lessons = module_copy("two_lessons")
    two_lessons.edit("lessons/02-at-the-border.md", "# What you do {#act}\n",
                      "# What you do {#act}\n\n::: note Scenario\nA crate of **pumps** goes to a new buyer.\n:::\n\n"
                      "## What to look for\n\n")
    module, _ = load_and_check(two_lessons.path)
    lesson = kit_content(module, "Scenario").lessons[1]
    discussion = next(d for d in lesson.discussions if d.id == "l2_border/act")
    assert discussion.case.strip() == "A crate of **pumps** goes to a new buyer."
    assert [question.id for question in discussion.questions] == ["kc_l2_act"]
    assert "## What to look for" in discussion.model_answer and "::: check" not in discussion.model_answer
    assert "::: note" not in discussion.model_answer
    page = next(page for page in lesson.pages if page.page.id == "act")
    assert page.key_points == () and page.checks == ()


def test_a_theme_brand_logo_goes_on_the_title_slide_and_the_covers(minimal_copy, tmp_path):
    from PIL import Image

    theme = minimal_copy.path / "themes" / "office"
    (theme / "print").mkdir(parents=True)
    Image.new("RGB", (120, 40), "#7a0019").save(theme / "print" / "logo.png")
    (theme / "theme.yaml").write_text('name: office\nextends: wco\nbrand:\n  primary: "#7a0019"\n'
                                      '  logo: print/logo.png\n', encoding="utf-8")
    minimal_copy.edit("module.yaml", "theme: wco", "theme: office")
    kit = write_workshop(minimal_copy.path, tmp_path / "out")
    title_slide = Presentation(kit.slides).slides[0]
    logos = [shape for shape in title_slide.shapes if shape.shape_type == 13]  # a picture
    assert len(logos) == 1 and logos[0]._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["Logo"]
    guide = kit.guide_html.read_text(encoding="utf-8")
    assert 'class="kit-logo" src="data:image/png;base64,' in guide and "--brand-primary: #7a0019" in guide


@pytest.mark.parametrize("logo, message", [
    ("../../module.yaml", "'..'"),
    ("print/logo.svg", "is not a PNG or JPEG file"),
])
def test_a_bad_brand_logo_is_an_error_and_nothing_is_written(minimal_copy, tmp_path, logo, message):
    theme = minimal_copy.path / "themes" / "office"
    (theme / "print").mkdir(parents=True)
    (theme / "print" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (theme / "theme.yaml").write_text(f"name: office\nextends: wco\nbrand:\n  logo: {logo}\n", encoding="utf-8")
    minimal_copy.edit("module.yaml", "theme: wco", "theme: office")
    with pytest.raises(ModuleError) as caught:
        write_workshop(minimal_copy.path, tmp_path / "out")
    assert message in caught.value.format_message()
    assert [problem.pos.line for problem in caught.value.problems if problem.severity == "error"] == [4]
    assert not (tmp_path / "out").exists()


def test_a_brand_colour_that_is_not_a_hex_colour_is_an_error_at_its_line(minimal_copy, tmp_path):
    theme = minimal_copy.path / "themes" / "office"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: office\nextends: wco\nbrand:\n  primary: 'red; background: url(x)'\n",
                                      encoding="utf-8")
    minimal_copy.edit("module.yaml", "theme: wco", "theme: office")
    with pytest.raises(ModuleError) as caught:
        write_workshop(minimal_copy.path, tmp_path / "out")
    problem = next(problem for problem in caught.value.problems if problem.severity == "error")
    assert problem.pos.file.endswith("theme.yaml") and problem.pos.line == 4, caught.value.format_message()
    assert "brand.primary" in str(problem)
    assert not (tmp_path / "out").exists()
