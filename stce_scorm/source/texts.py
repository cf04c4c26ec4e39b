"""Every piece of author Markdown in a module, walked token by token with file positions.

Checks about Markdown content (blocks, images, glossary terms, raw HTML) all need the same
thing: each token with the line it came from. This module gives them that, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterator
from typing import NamedTuple

from markdown_it.token import Token

from stce_scorm.errors import SourcePos
from stce_scorm.source.markdown import parsed
from stce_scorm.source.models import Module, QuestionBase, Scenario


@dataclass(frozen=True)
class MarkdownText:
    """A piece of author Markdown and where its first line is."""

    text: str
    pos: SourcePos
    where: str  # e.g. "lesson l1_why, page p2" for messages


class PositionedToken(NamedTuple):
    """A token with its line in the source file (a tuple: a 1,000-page module has 100,000 of them)."""

    token: Token
    pos: SourcePos
    parents: tuple[str, ...]  # names of the enclosing blocks, outermost first


def module_texts(module: Module) -> Iterator[MarkdownText]:
    """Every Markdown text an author wrote in the module."""
    for lesson in module.lessons:
        for page in lesson.pages:
            yield MarkdownText(page.markdown, page.pos, f"lesson '{lesson.id}', page '{page.id}'")
        for page_id, points in lesson.key_points.items():
            for point in points:
                yield MarkdownText(point, lesson.field_pos("key_points", page_id),
                                   f"lesson '{lesson.id}', key points of page '{page_id}'")
    for assessment in module.assessments:
        if assessment.introduction:
            yield MarkdownText(assessment.introduction, assessment.field_pos("introduction"),
                               f"assessment '{assessment.id}'")
        for pool in assessment.pools:
            for question in pool.questions:
                if isinstance(question, Scenario):
                    yield MarkdownText(question.case, question.field_pos("case"), f"scenario '{question.id}'")
    for question in module.all_questions():
        yield from question_texts(question)
    for term in module.glossary:
        yield MarkdownText(term.definition, term.field_pos("definition"), f"glossary term '{term.id}'")


def question_texts(question: QuestionBase) -> Iterator[MarkdownText]:
    where = f"question '{question.id}'"
    yield MarkdownText(question.prompt, question.field_pos("prompt"), where)
    yield MarkdownText(question.feedback.correct, question.feedback.field_pos("correct"), where)
    yield MarkdownText(question.feedback.incorrect, question.feedback.field_pos("incorrect"), where)
    for option in getattr(question, "choices", []):
        yield MarkdownText(option.text, option.field_pos("text"), where)
        if option.feedback:
            yield MarkdownText(option.feedback, option.field_pos("feedback"), where)
    for pair in getattr(question, "pairs", []):
        yield MarkdownText(pair.source, pair.field_pos("source"), where)
        yield MarkdownText(pair.target, pair.field_pos("target"), where)
    for item in getattr(question, "items", []):
        yield MarkdownText(item.text, item.field_pos("text"), where)
    for document in getattr(question, "documents", []):
        for entry in [*document.fields, *(document.lines.rows if document.lines else [])]:
            if entry.finding:
                yield MarkdownText(entry.finding, entry.field_pos("finding"), where)


def tokens(text: MarkdownText) -> Iterator[PositionedToken]:
    """Block and inline tokens of `text`, each with its line in the source file."""
    return iter(_positioned(text.text, text.pos))


@lru_cache(maxsize=16384)
def _positioned(text: str, start: SourcePos) -> tuple[PositionedToken, ...]:
    """The tokens of one text at one place, listed once per build: six checks walk every text."""
    return tuple(_walk(text, start))


def _walk(text: str, start: SourcePos) -> Iterator[PositionedToken]:
    stack: list[str] = []
    parents: tuple[str, ...] = ()  # tuple(stack), made when the stack changes: a 1,000-page module has 100,000 tokens
    for token in parsed(text):
        if token.type.startswith("container_") and token.type.endswith("_close"):
            stack.pop() if stack else None
            parents = tuple(stack)
        line = start.line + (token.map[0] if token.map else 0)
        pos = SourcePos(start.file, line, 1 if token.map else start.col)
        yield PositionedToken(token, pos, parents)
        if token.type.startswith("container_") and token.type.endswith("_open"):
            stack.append(token.type.removeprefix("container_").removesuffix("_open"))
            parents = tuple(stack)
        child_pos = pos  # the children of one line share its position
        for child_line, child in _children(token):
            if child_pos.line != line + child_line:
                child_pos = SourcePos(pos.file, line + child_line, pos.col)
            yield PositionedToken(child, child_pos, parents)


def _children(token: Token) -> Iterator[tuple[int, Token]]:
    """Inline children with their line offset inside the inline block."""
    offset = 0
    for child in token.children or []:
        yield offset, child
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        offset += child.content.count("\n") if child.type in ("html_inline",) else 0


@dataclass(frozen=True)
class MediaUse:
    """One place where an author uses a media file."""

    src: str
    alt: str
    pos: SourcePos
    where: str
    kind: str = "image"  # or "file": a document the text links to, e.g. a PDF job aid


def is_local_link(href: str) -> bool:
    """A link to a file of the module (not a page anchor, not a web address)."""
    return bool(href) and not href.startswith(("#", "/")) and ":" not in href.split("/")[0]


def media_uses(module: Module) -> list[MediaUse]:
    """Every image an author placed, in Markdown or as a question's or scenario's `media`."""
    uses: list[MediaUse] = []
    for text in module_texts(module):
        for item in tokens(text):
            if item.token.type == "image":
                alt = "".join(child.content for child in item.token.children or [])
                uses.append(MediaUse(str(item.token.attrGet("src") or ""), alt.strip(), item.pos, text.where))
            elif item.token.type == "link_open" and is_local_link(href := str(item.token.attrGet("href") or "")):
                uses.append(MediaUse(href, "", item.pos, text.where, kind="file"))
    holders = [*module.all_questions()] + [
        q for a in module.assessments for pool in a.pools for q in pool.questions if isinstance(q, Scenario)]
    for holder in holders:
        if holder.media is not None:
            uses.append(MediaUse(holder.media.src, holder.media.alt.strip(), holder.media.field_pos("src"),
                                 f"question '{holder.id}'"))
    return uses
