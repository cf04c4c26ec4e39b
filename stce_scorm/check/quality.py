"""A module's own editorial rules (module.yaml `quality:`): page length, objectives tested, references."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from stce_scorm.errors import Problem, error
from stce_scorm.content.markdown_html import RenderContext, render_markdown
from stce_scorm.source.markdown import parsed
from stce_scorm.source.models import Module, Scenario


@lru_cache(maxsize=4096)  # a pure function of the text: `preview` counts only the pages a save changed
def words(markdown: str) -> int:
    """Words a learner reads on a page: the rendered text (block titles included), without markup."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", render_markdown(markdown, RenderContext())))
    return len(re.findall(r"\w[\w'’.-]*", text))


def check_quality(module: Module) -> list[Problem]:
    rules = module.config.quality
    problems: list[Problem] = []
    for lesson in module.lessons:
        if rules.lesson_objectives:
            low, high = rules.lesson_objectives
            if not low <= len(lesson.objectives) <= high:
                problems.append(error(lesson.field_pos("objectives"),
                                      f"lesson '{lesson.id}' has {len(lesson.objectives)} objectives; this module asks for {low} to {high}",
                                      "add or merge objectives (module.yaml quality.lesson_objectives)", "objectives"))
        if rules.lesson_pages:
            low, high = rules.lesson_pages
            if not low <= len(lesson.pages) <= high:
                problems.append(error(lesson.pos, f"lesson '{lesson.id}' has {len(lesson.pages)} pages; this module asks for {low} to {high}",
                                      "split or join pages (module.yaml quality.lesson_pages)"))
        if rules.max_words_per_page:  # counting renders each page: only when the module asks
            for page in lesson.pages:
                count = words(page.body)
                if count > rules.max_words_per_page:
                    problems.append(error(page.pos, f"page '{page.id}' has {count} words; this module allows {rules.max_words_per_page}",
                                          "split it into two pages, or move detail into an accordion on a new page"))
        if rules.references_page:
            last = lesson.pages[-1] if lesson.pages else None
            if last is None or last.id != rules.references_page:
                problems.append(error(lesson.pos, f"lesson '{lesson.id}' does not end with a '{rules.references_page}' page",
                                      f"add '# References {{#{rules.references_page}}}' with the lesson's sources as its last page"))
            elif not any(t.type == "list_item_open" for t in parsed(last.body)):
                problems.append(error(last.pos, f"the references page of lesson '{lesson.id}' lists no source",
                                      "list each public source of the lesson's facts as a Markdown list item"))
    if rules.questions_per_objective:
        tested: dict[str, int] = {}
        for assessment in module.assessments:
            for pool in assessment.pools:
                for question in pool.questions:
                    for q in question.questions if isinstance(question, Scenario) else [question]:
                        if q.objective:
                            tested[q.objective] = tested.get(q.objective, 0) + 1
        for lesson in module.lessons:
            for objective in lesson.objectives:
                count = tested.get(objective.id, 0)
                if count < rules.questions_per_objective:
                    problems.append(error(objective.pos,
                                          f"objective '{objective.id}' is tested by {count} assessment question(s); this module asks for {rules.questions_per_objective}",
                                          f"add questions with 'objective: {objective.id}' to the assessment"))
    return problems
