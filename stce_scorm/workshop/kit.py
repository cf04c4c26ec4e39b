"""The kit content: what the classroom documents say, derived from a checked module and nothing else.

Slides, facilitator guide and handout show the same lessons, points, pictures, scenarios and polls in
different forms, so they are worked out once here and every document reads this model. Nothing is
written by hand for the classroom: a change in the module's text changes the kit on the next run.

Two kinds of scenario become group discussions: the assessment's scenarios (a case, then questions),
and lesson pages built around a call-out titled with the theme's word for "Scenario" (the case), whose
other text is the model answer and whose knowledge checks are the questions.
"""

from __future__ import annotations

from dataclasses import dataclass

from stce_scorm.content.collation import glossary_order
from stce_scorm.source.markdown import block_argument, block_name, parsed
from stce_scorm.source.models import Lesson, Module, ModuleConfig, Page, Scenario, SimpleQuestion, Term
from stce_scorm.workshop.points import default_key_points, inline_text, markdown_text, page_text

_CALLOUTS = ("note", "tip", "warning")


@dataclass(frozen=True)
class Picture:
    """An image of the module with its alt text and caption, as slides and print show it."""

    src: str  # path in the module, e.g. media/four-regimes.svg
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class KitPage:
    """A lesson page as a trainer presents it."""

    cite: str  # "L2-P3", as in the storyboard
    page: Page
    key_points: tuple[str, ...]
    notes: str  # the page text, for the speaker notes
    pictures: tuple[Picture, ...]
    checks: tuple[SimpleQuestion, ...]  # its knowledge checks: quick polls in class


@dataclass(frozen=True)
class Discussion:
    """A scenario run as a group exercise: the case, the questions, and what a good answer says."""

    id: str
    title: str
    case: str  # Markdown
    picture: Picture | None
    questions: tuple[SimpleQuestion, ...]
    model_answer: str = ""  # Markdown; for an assessment scenario the questions' answers are the model answer


@dataclass(frozen=True)
class KitLesson:
    number: int
    lesson: Lesson
    pages: tuple[KitPage, ...]
    discussions: tuple[Discussion, ...]
    sources: str  # Markdown of the lesson's references page, "" if it has none

    @property
    def cite(self) -> str:
        return f"L{self.number}"

    @property
    def polls(self) -> tuple[SimpleQuestion, ...]:
        """The lesson's knowledge checks that are asked as quick polls (not those of its scenarios)."""
        return tuple(question for page in self.pages for question in page.checks)

    @property
    def summary(self) -> tuple[str, ...]:
        """The lesson's key points: what the handout prints as its summary."""
        return tuple(point for page in self.pages for point in page.key_points)


@dataclass(frozen=True)
class Kit:
    config: ModuleConfig
    lessons: tuple[KitLesson, ...]
    discussions: tuple[Discussion, ...]  # scenarios that test no lesson's objective
    glossary: tuple[Term, ...]

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """Every picture the documents show, once each, in order of appearance."""
        seen: dict[str, Picture] = {}
        for lesson in self.lessons:
            for page in lesson.pages:
                for picture in page.pictures:
                    seen.setdefault(picture.src, picture)
            for discussion in lesson.discussions:
                if discussion.picture:
                    seen.setdefault(discussion.picture.src, discussion.picture)
        for discussion in self.discussions:
            if discussion.picture:
                seen.setdefault(discussion.picture.src, discussion.picture)
        return tuple(seen.values())


def kit_content(module: Module, scenario_word: str) -> Kit:
    """The kit of a checked module; `scenario_word` is the theme's word for "Scenario" in its language."""
    checks = {question.id: question for question in module.knowledge_checks}
    references = module.config.quality.references_page
    lesson_of = {objective.id: lesson.id for lesson in module.lessons for objective in lesson.objectives}
    by_lesson: dict[str, list[Discussion]] = {}
    unplaced: list[Discussion] = []
    for number, scenario in enumerate(_assessment_scenarios(module), 1):
        objective = next((q.objective for q in scenario.questions if q.objective in lesson_of), None)
        discussion = Discussion(scenario.id, f"{scenario_word} {number}", scenario.case,
                                _media_picture(scenario), tuple(scenario.questions))
        (by_lesson.setdefault(lesson_of[objective], []) if objective else unplaced).append(discussion)

    lessons = []
    for number, lesson in enumerate(module.lessons, 1):
        pages: list[KitPage] = []
        discussions: list[Discussion] = []
        sources = ""
        for index, page in enumerate(lesson.pages, 1):
            if references and page.id == references:
                sources = page.body
                continue
            page_checks = tuple(checks[qid] for qid in _check_ids(page.body) if qid in checks)
            case = _scenario_case(page.body, scenario_word)
            if case is not None:
                case_markdown, answer_markdown = case
                discussions.append(Discussion(f"{lesson.id}/{page.id}", page.title, case_markdown,
                                              None, page_checks, answer_markdown))
            points = lesson.key_points.get(page.id)
            key_points = ([markdown_text(point) for point in points] if points is not None
                          else [] if case is not None else default_key_points(page.body))
            pages.append(KitPage(f"L{number}-P{index}", page, tuple(key_points), page_text(page.body),
                                 _pictures(page.body), () if case is not None else page_checks))
        discussions += by_lesson.get(lesson.id, [])
        lessons.append(KitLesson(number, lesson, tuple(pages), tuple(discussions), sources))
    glossary = tuple(glossary_order(module.glossary))
    return Kit(module.config, tuple(lessons), tuple(unplaced), glossary)


def _assessment_scenarios(module: Module) -> list[Scenario]:
    return [question for assessment in module.assessments for pool in assessment.pools
            for question in pool.questions if isinstance(question, Scenario)]


def _media_picture(scenario: Scenario) -> Picture | None:
    return Picture(scenario.media.src, scenario.media.alt.strip()) if scenario.media else None


def _check_ids(markdown: str) -> list[str]:
    return [block_argument(token) for token in parsed(markdown) if token.type == "container_check_open"]


def _pictures(markdown: str) -> tuple[Picture, ...]:
    """Images of a page, each with the caption of its figure (the figure's text after the image)."""
    pictures: list[Picture] = []
    tokens = parsed(markdown)
    for index, token in enumerate(tokens):
        for child in token.children or []:
            if child.type != "image":
                continue
            alt = "".join(part.content for part in child.children or []).strip()
            pictures.append(Picture(str(child.attrGet("src") or ""), alt, _figure_caption(tokens, index)))
    return tuple(pictures)


def _figure_caption(tokens, index: int) -> str:
    """The text after an image inside its `::: figure` block, if the image is in one."""
    depth = 0
    for opener in range(index, -1, -1):  # is there an open figure around the image?
        kind = tokens[opener].type
        if kind == "container_figure_close":
            depth += 1
        elif kind == "container_figure_open":
            if depth == 0:
                break
            depth -= 1
    else:
        return ""
    words = []
    for token in tokens[index + 1:]:
        if token.type == "container_figure_close":
            break
        if token.type == "inline":
            words.append(inline_text(token))
    return " ".join(word for word in words if word)


def _scenario_case(markdown: str, scenario_word: str) -> tuple[str, str] | None:
    """A scenario page's case (the call-out titled `scenario_word`) and the rest of its text, as Markdown."""
    lines = markdown.splitlines(keepends=True)
    for token in parsed(markdown):
        if (token.type.startswith("container_") and token.type.endswith("_open") and token.level == 0
                and block_name(token) in _CALLOUTS and token.map
                and block_argument(token).casefold() == scenario_word.casefold()):
            start, end = token.map  # the opening and the closing ':::' lines
            case = "".join(lines[start + 1:end])
            rest = "".join(lines[:start] + lines[end + 1:])
            return case, _without_checks(rest)
    return None


def _without_checks(markdown: str) -> str:
    """Markdown without its `::: check` blocks: in class, the check is asked as a question, not shown."""
    lines = markdown.splitlines(keepends=True)
    drop: set[int] = set()
    for token in parsed(markdown):
        if token.type == "container_check_open" and token.map:
            drop.update(range(token.map[0], token.map[1] + 1))  # through the closing ':::' line
    return "".join(line for number, line in enumerate(lines) if number not in drop)
