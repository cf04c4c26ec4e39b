"""The HTML storyboard of the example module: every page and question, with ids, answers and alt texts."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from repo_paths import EXAMPLE_MODULE
from stce_scorm.pipeline import load_and_check
from stce_scorm.cli import main
from stce_scorm.source.models import Scenario
from stce_scorm.source.texts import media_uses
from stce_scorm.storyboard import write_storyboard


@pytest.fixture(scope="module")
def module():
    return load_and_check(EXAMPLE_MODULE)[0]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("storyboard")


@pytest.fixture(scope="module")
def storyboard(out_dir: Path) -> Path:
    return write_storyboard(EXAMPLE_MODULE, out_dir, "html", answers=True)


@pytest.fixture(scope="module")
def handout(out_dir: Path) -> Path:
    return write_storyboard(EXAMPLE_MODULE, out_dir, "html", answers=False)


@pytest.fixture(scope="module")
def doc(storyboard: Path):
    return lxml.html.fromstring(storyboard.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def handout_doc(handout: Path):
    return lxml.html.fromstring(handout.read_text(encoding="utf-8"))


def text(element) -> str:
    return " ".join(element.text_content().split())


def body_text(doc) -> str:
    return text(doc.find("body"))


def question_ids(module) -> list[str]:
    """Every question a reviewer may cite: answerable questions and the scenarios around some of them."""
    scenarios = [q.id for a in module.assessments for pool in a.pools for q in pool.questions
                 if isinstance(q, Scenario)]
    return [q.id for q in module.all_questions()] + scenarios


def one(doc, xpath: str):
    found = doc.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def test_file_names_and_nothing_else_written(storyboard: Path, handout: Path, out_dir: Path):
    assert storyboard.name == "dual_use_basics-1.0.0-en-storyboard.html"
    assert handout.name == "dual_use_basics-1.0.0-en-storyboard-handout.html"
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([storyboard.name, handout.name])


def test_title_block(doc, module):
    block = text(one(doc, "//header[@class='title-block']"))
    config = module.config
    for fact in (config.title, config.id, config.version, config.audience, f"{config.learning_time_minutes} minutes",
                 "1.2, 2004", f"{config.tracking.passing_score}%", "every page is viewed and the assessment is passed",
                 f"Generated from the sources of version {config.version}."):
        assert fact in block


def test_every_page_in_order_with_its_citable_id(doc, module):
    headings = doc.xpath("//h3[contains(@class, 'page-title')]")
    expected = [(f"L{l}-P{p}", f"{lesson.id}/{page.id}", page.title)
                for l, lesson in enumerate(module.lessons, 1) for p, page in enumerate(lesson.pages, 1)]  # noqa: E741
    assert len(headings) == len(expected)
    for heading, (cite, source_id, title) in zip(headings, expected):
        assert text(heading) == f"{cite} · {source_id} {title}"
        assert heading.getparent().get("id") == cite
    contents = text(one(doc, "//nav[@class='contents']"))
    for cite, source_id, title in expected:
        assert f"{cite} {title} {source_id}" in contents
    links = [a.get("href") for a in doc.xpath("//nav[@class='contents']//a")]
    assert all(doc.get_element_by_id(href[1:]) is not None for href in links)


def test_lessons_show_their_objectives_with_ids(doc, module):
    for number, lesson in enumerate(module.lessons, 1):
        section = doc.get_element_by_id(f"L{number}")
        assert lesson.title in text(section.find("h2"))
        for objective in lesson.objectives:
            item = doc.get_element_by_id(f"objective-{objective.id}")
            assert item.getparent().getparent().getparent() is section
            assert text(item) == f"{objective.id} {objective.text}"


def test_every_question_once_with_id_type_objective_and_points(doc, module):
    for question_id in question_ids(module):
        section = one(doc, f"//section[@data-question='{question_id}']")
        assert question_id in text(section.xpath("./*[contains(@class, 'question-title')]")[0])
    for question in module.all_questions():
        section = one(doc, f"//section[@data-question='{question.id}']")
        meta = text(section.xpath("./p[@class='question-meta']")[0])
        assert f"Objective: {question.objective}" in meta and "Points: 1" in meta
        assert section.get("data-type") == question.type


def test_knowledge_checks_stand_where_their_block_is(doc, module):
    for question in module.knowledge_checks:
        section = one(doc, f"//section[@data-question='{question.id}']")
        page = section.xpath("ancestor::article[@class='page']")[0]
        lesson, page_id = page.get("id").split("-")
        source = module.lessons[int(lesson[1:]) - 1].pages[int(page_id[1:]) - 1]
        assert f"::: check {question.id}" in source.body
        assert not doc.xpath("//*[@data-check and not(@data-question)]"), "a check placeholder was left"


def marked_correct(section) -> list:
    return section.xpath(".//*[contains(concat(' ', @class, ' '), ' is-correct ')]")


def test_correct_answers_marked(doc, module):
    for question in module.all_questions():
        section = one(doc, f"//section[@data-question='{question.id}']")
        correct = marked_correct(section)
        assert correct, question.id
        assert all("✓ Correct answer" in text(el) for el in correct if el.tag in ("li", "div")), question.id
        if question.type in ("single_choice", "multiple_response"):
            wanted = [question.correct] if isinstance(question.correct, str) else question.correct
            assert [el.get("data-choice") for el in correct] == wanted
            for choice in question.choices:
                item = one(section, f".//li[@data-choice='{choice.id}']")
                assert choice.text in text(item)
                assert ("Correct answer" in text(item)) == (choice.id in wanted)
        elif question.type == "true_false":
            assert [el.get("data-choice") for el in correct] == [str(question.correct).lower()]
        elif question.type == "fill_in":
            assert [text(code) for code in correct[0].xpath(".//code")] == question.accepted
            assert "Upper and lower case are treated alike" in text(correct[0])
        elif question.type == "numeric":
            assert "Exactly 3" in text(correct[0])
        elif question.type == "matching":
            rows = section.xpath(".//tr[contains(@class, 'is-correct')]")
            assert [(text(r.find_class("match-source")[0]), text(r.find_class("match-target")[0])) for r in rows] \
                == [(pair.source, pair.target) for pair in question.pairs]
        elif question.type == "sequencing":
            assert [text(li) for li in section.xpath(".//ol[@class='sequence']/li")] \
                == [f"{item.id} {item.text}" for item in question.items]


def test_feedback_texts_shown(doc, module):
    for question in module.all_questions():
        section = one(doc, f"//section[@data-question='{question.id}']")
        assert question.feedback.correct in text(section.find_class("feedback-correct")[0])
        assert question.feedback.incorrect in text(section.find_class("feedback-incorrect")[0])
        for choice in getattr(question, "choices", []):
            if choice.feedback:
                item = one(section, f".//li[@data-choice='{choice.id}']")
                assert choice.feedback in text(item.find_class("feedback-choice")[0])


def test_assessment_settings_and_pools(doc, module):
    assessment = module.assessments[0]
    facts = one(doc, "//dl[contains(@class, 'settings')]")
    settings = {text(dt): text(dt.getnext()) for dt in facts.findall("dt")}
    assert settings["Attempts"] == str(assessment.attempts) and settings["Pass mark"] == "80%"
    assert settings["Question order shuffled"] == "yes" and settings["Time limit"] == "none"
    assert settings["Pool core"] == "Draws 6 of 7 questions"
    for pool in assessment.pools:
        title = text(doc.get_element_by_id(f"pool-{assessment.id}-{pool.id}").find("h3"))
        assert f"Draws {pool.draw} of {len(pool.questions)} questions" in title
    scenario = next(q for q in assessment.pools[0].questions if isinstance(q, Scenario))
    case = text(one(doc, f"//section[@data-question='{scenario.id}']/div[@class='scenario-case']"))
    assert case == " ".join(scenario.case.split())


def test_images_inlined_with_alt_text_beside_them(doc, module):
    images = doc.xpath("//img")
    alts = {use.alt for use in media_uses(module) if use.kind == "image"}
    assert images and {img.get("alt") for img in images} == alts
    for img in images:
        assert img.get("src").startswith("data:image/svg+xml;base64,")
        beside = img.getnext()
        assert beside is not None and beside.get("class") == "alt-text"
        assert text(beside) == f"Alt text: {img.get('alt')}"


def test_panels_open_and_glossary(doc, module):
    panels = doc.xpath("//details")
    assert panels and all(panel.get("open") is not None for panel in panels)
    for term in module.glossary:
        entry = doc.get_element_by_id(f"glossary-{term.id}")
        assert f"{term.term} {term.id}" in text(entry.find("dt"))
        assert " ".join(term.definition.split()) in text(entry.find("dd"))
    assert doc.xpath("//a[@class='glossary-term']"), "glossary links in pages point into the glossary"


def test_handout_has_every_question_but_no_answer_and_no_feedback(handout_doc, module):
    assert "Learner handout" in text(handout_doc.find("body"))
    for question_id in question_ids(module):
        one(handout_doc, f"//section[@data-question='{question_id}']")
    assert not marked_correct(handout_doc)
    assert not handout_doc.find_class("feedback") and not handout_doc.find_class("answer-mark")
    words = body_text(handout_doc)
    assert "Correct answer" not in words and "✓" not in words
    for question in module.all_questions():
        assert question.feedback.correct not in words and question.feedback.incorrect not in words
        for choice in getattr(question, "choices", []):
            assert not choice.feedback or choice.feedback not in words
    fill_in = next(q for q in module.all_questions() if q.type == "fill_in")
    section = one(handout_doc, f"//section[@data-question='{fill_in.id}']")
    assert not section.xpath(".//code") and fill_in.accepted[0] not in text(section.find_class("answer-blank")[0])


def test_same_sources_same_bytes(storyboard: Path, tmp_path: Path):
    again = write_storyboard(EXAMPLE_MODULE, tmp_path, "html", answers=True)
    assert again.read_bytes() == storyboard.read_bytes()
    assert re.search(rb"20\d\d-\d\d-\d\d", again.read_bytes()) is None, "no date in the document"


def test_module_overrides_a_storyboard_template(minimal_copy, tmp_path: Path):
    templates = minimal_copy.path / "templates"
    templates.mkdir()
    (templates / "storyboard_alt_text.html").write_text(
        '<span class="alt-text">Text alternative: {{ alt }}</span>\n', encoding="utf-8")
    path = write_storyboard(minimal_copy.path, tmp_path / "out", "html", answers=True)
    doc = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    assert [text(span) for span in doc.find_class("alt-text")] == [
        f"Text alternative: {img.get('alt')}" for img in doc.xpath("//img")]


def test_cli_writes_the_handout(tmp_path: Path):
    result = CliRunner().invoke(main, ["storyboard", str(EXAMPLE_MODULE), "--no-answers", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {tmp_path / 'dual_use_basics-1.0.0-en-storyboard-handout.html'}"
