"""The translatable units of a module: every learner-facing text, each with a stable id and its position.

Ids come from the module's own structure (`question/q_define/choice.a`, `lesson/l1_why/l1_risk/3`,
`media/media/route.svg/4` for the fourth text of a diagram),
never from a position in the module as a whole, so adding a question or a page elsewhere moves no
unit. Inside a page, units are counted in reading order; a paragraph added to a page renumbers only
the units after it on that page, and those are then found stale (their source text changed), never
silently wrong. Ids, answer keys (which choice, pair or order is right), numbers, paths and link targets
are not units; the answers a learner types in a fill-in question are.

`walk` hands out each unit with a way to set its text, so the same walk serves extraction (read
the texts) and `apply_translation` (set them on a copy of the module).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from collections.abc import Callable, Iterator

from lxml import etree

from stce_scorm.errors import SourcePos
from stce_scorm.source import paths
from stce_scorm.source.markdown import heading_id, parsed
from stce_scorm.source.models import Lesson, Module, Page, QuestionBase, Scenario, SourceModel
from stce_scorm.source.texts import media_uses

# A text with no letter at all ("8479.89", "USD 1,200" has letters; "2026-0147" has none) is a number or code.
_LETTER = re.compile(r"[^\W\d_]")
# What starts a block line and is structure, not text: indentation, quote marks, a list marker, a heading's #s.
_FIRST_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?")
_NEXT_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*")
_BLOCK_LINE = re.compile(r"^([ \t]*:{3,}[ \t]*[a-z]+[ \t]+)(.*?)([ \t]*)$")


@dataclass
class Unit:
    """One translatable text: its stable id, the text, where it was written, and how to set it."""

    id: str
    text: str
    pos: SourcePos
    assign: Callable[[str], None] = field(repr=False, compare=False)


def is_translatable(text: str) -> bool:
    """Only texts with words are units: numbers, codes and dates stay as written."""
    return bool(text and text.strip() and _LETTER.search(text))


@dataclass
class _Segment:
    """A run of lines of a page that holds one unit's text: structure around it is kept as it is."""

    start: int
    end: int
    first_prefix: str
    next_prefix: str
    text: str
    suffix: str
    one_line: bool


def page_segments(markdown: str) -> list[_Segment]:
    """The text blocks of a page, in reading order: headings, paragraphs, list items, table rows,
    figure image and caption, raw HTML blocks, and block titles (`::: note Title`)."""
    lines = markdown.splitlines()
    segments: list[_Segment] = []
    seen: set[tuple[int, int]] = set()
    for token in parsed(markdown):
        if token.map is None:
            continue
        span = (token.map[0], token.map[1])
        if token.type.startswith("container_") and token.type.endswith("_open"):
            match = _BLOCK_LINE.match(lines[span[0]])
            if match and not token.type.startswith("container_check") and is_translatable(match.group(2)):
                segments.append(_Segment(span[0], span[0] + 1, match.group(1), "", match.group(2),
                                         match.group(3), True))
            continue
        if token.type not in ("inline", "html_block") or span in seen:
            continue  # table cells share their row's line: one unit per row
        seen.add(span)
        segment = _line_segment(lines, *span, heading=token.type == "inline" and _is_heading_line(lines[span[0]]))
        if segment and is_translatable(segment.text):
            segments.append(segment)
    return segments


def _is_heading_line(line: str) -> bool:
    return bool(re.match(r"^[ \t]{0,3}#{1,6}[ \t]", line))


def _match(pattern: re.Pattern[str], line: str) -> str:
    """What `pattern` matches at the start of `line` (the prefix patterns match at least "")."""
    found = pattern.match(line)
    return found.group(0) if found else ""


def _line_segment(lines: list[str], start: int, end: int, heading: bool) -> _Segment | None:
    first = lines[start]
    prefix = _match(_FIRST_PREFIX, first) if not first.lstrip().startswith("|") else \
        first[:len(first) - len(first.lstrip())]
    texts = [first[len(prefix):].rstrip()]
    next_prefix = ""
    for line in lines[start + 1:end]:
        lead = _match(_NEXT_PREFIX, line)
        next_prefix = next_prefix or lead
        texts.append(line[len(lead):].rstrip())
    suffix = ""
    if heading:
        title, ident = heading_id(texts[0])
        if ident is not None:
            suffix = texts[0][len(title):]
            texts[0] = title
    one_line = heading or first.lstrip().startswith("|")
    return _Segment(start, end, prefix, next_prefix or " " * len(prefix.lstrip(" \t>")), "\n".join(texts).strip(),
                    suffix, one_line)


_LINE_BREAKS = re.compile(r"[ \t\r\n]+")


def _one_line(text: str) -> str:
    """`text` on one line (a heading, a table row). Only ordinary spaces and line breaks fold: a translation's
    no-break spaces (French "titre\u00a0: suite") stay, where str.split() would take them for spaces."""
    return _LINE_BREAKS.sub(" ", text).strip(" \t\r\n")


class _PageEditor:
    """Collects a page's translated segments, then rewrites its Markdown, title and body at once."""

    def __init__(self, page: Page):
        self.page = page
        self.segments = page_segments(page.markdown)
        self.texts: dict[int, str] = {}

    def setter(self, index: int) -> Callable[[str], None]:
        return lambda text: self.texts.__setitem__(index, text)

    def finish(self) -> None:
        if not self.texts:
            return
        lines = self.page.markdown.splitlines()
        for index in sorted(self.texts, reverse=True):
            segment, text = self.segments[index], self.texts[index]
            parts = [_one_line(text)] if segment.one_line else text.split("\n")
            rewritten = [segment.first_prefix + parts[0] + segment.suffix]
            rewritten += [segment.next_prefix + part.lstrip() for part in parts[1:]]
            lines[segment.start:segment.end] = rewritten
        markdown = "\n".join(lines) + "\n"
        tokens = parsed(markdown)
        heading_lines = 1
        if tokens and tokens[0].type == "heading_open" and tokens[0].map:
            heading_lines = tokens[0].map[1]
            self.page.title = tokens[1].content.strip() or self.page.title  # the id is already taken off
        self.page.markdown = markdown
        self.page.body = "\n".join(lines[heading_lines:]) + "\n" if len(lines) > heading_lines else ""


class _SvgEditor:
    """The words of one SVG diagram (`<text>`, `<tspan>`, `<title>`, `<desc>`): set them, then the module
    carries the translated file's bytes for the build (the drawing itself is never touched)."""

    WORDS = {"text", "tspan", "title", "desc"}

    def __init__(self, module: Module, src: str):
        self.module, self.src = module, src
        self.tree = None
        self.changed = False
        try:
            data = (module.root / src).read_bytes()
            # The SVG checks (content.images) refuse DTDs and entities; never resolve any here either.
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            self.tree = etree.fromstring(data, parser)
        except (OSError, etree.XMLSyntaxError):
            pass  # the asset check reports an unreadable SVG

    def units(self, base: str) -> Iterator[Unit]:
        if self.tree is None:
            return
        shown = paths.shown(self.module.root / self.src)
        number = 0
        for element in self.tree.iter():
            if not isinstance(element.tag, str) or etree.QName(element).localname not in self.WORDS:
                continue
            for attribute in ("text", "tail"):
                value = getattr(element, attribute)
                if attribute == "tail" and etree.QName(element).localname != "tspan":
                    continue
                if value and is_translatable(value):
                    number += 1
                    yield Unit(f"{base}/{number}", " ".join(value.split()), SourcePos(shown, element.sourceline or 1, 1),
                               self._setter(element, attribute, value))

    def _setter(self, element, attribute: str, original: str) -> Callable[[str], None]:
        lead = original[:len(original) - len(original.lstrip())]
        trail = original[len(original.rstrip()):]

        def assign(text: str) -> None:
            setattr(element, attribute, lead + text + trail)
            self.changed = True
        return assign

    def finish(self) -> None:
        if self.changed:
            self.module.translated_media[self.src] = etree.tostring(self.tree, xml_declaration=True, encoding="UTF-8")


def walk(module: Module) -> tuple[list[Unit], Callable[[], None]]:
    """Every unit of `module`, in source order, and a function to call once units have been assigned."""
    editors: list[_PageEditor | _SvgEditor] = []
    units = list(_module_units(module, editors))
    for src in sorted({use.src for use in media_uses(module) if use.src.lower().endswith(".svg")}):
        editor = _SvgEditor(module, src)
        editors.append(editor)
        units += editor.units(src)  # e.g. media/route.svg/3

    def finish() -> None:
        for editor in editors:
            editor.finish()
    return units, finish


def extract_units(module: Module) -> list[Unit]:
    """The module's translatable units, in source order (ids unique)."""
    return walk(module)[0]


def _text(owner: SourceModel, name: str, uid: str) -> Iterator[Unit]:
    value = getattr(owner, name)
    if isinstance(value, str) and is_translatable(value):
        yield Unit(uid, value, owner.field_pos(name), lambda text: setattr(owner, name, text))


def _texts(owner: SourceModel, name: str, uid: str) -> Iterator[Unit]:
    values = getattr(owner, name)
    for index, value in enumerate(values):
        if is_translatable(value):
            yield Unit(f"{uid}.{index}", value, owner.field_pos(name, index),
                       partial(values.__setitem__, index))


def _module_units(module: Module, editors: list) -> Iterator[Unit]:
    config = module.config
    for name in ("title", "description", "audience"):
        yield from _text(config, name, f"module/{name}")
    yield from _texts(config, "keywords", "module/keywords")
    for lesson in module.lessons:
        yield from _lesson_units(lesson, editors)
    for check in module.knowledge_checks:
        yield from _question_units(check)
    for assessment in module.assessments:
        yield from _text(assessment, "title", f"assessment/{assessment.id}/title")
        yield from _text(assessment, "introduction", f"assessment/{assessment.id}/introduction")
        for pool in assessment.pools:
            for question in pool.questions:
                if isinstance(question, Scenario):
                    yield from _text(question, "case", f"question/{question.id}/case")
                    if question.media:
                        yield from _text(question.media, "alt", f"question/{question.id}/media.alt")
                    for inner in question.questions:
                        yield from _question_units(inner)
                else:
                    yield from _question_units(question)
    for term in module.glossary:
        yield from _text(term, "term", f"glossary/{term.id}/term")
        yield from _texts(term, "aliases", f"glossary/{term.id}/aliases")
        yield from _text(term, "definition", f"glossary/{term.id}/definition")


def _lesson_units(lesson: Lesson, editors: list) -> Iterator[Unit]:
    base = f"lesson/{lesson.id}"
    yield from _text(lesson, "title", f"{base}/title")
    for objective in lesson.objectives:
        yield from _text(objective, "text", f"{base}/objective.{objective.id}")
    for page in lesson.pages:
        editor = _PageEditor(page)
        editors.append(editor)
        for index, segment in enumerate(editor.segments):
            name = "title" if index == 0 and segment.start == 0 else str(index)  # the page heading
            yield Unit(f"{base}/{page.id}/{name}", segment.text, SourcePos(page.pos.file, page.first_line + segment.start, 1),
                       editor.setter(index))
    for page_id, points in lesson.key_points.items():
        for index, point in enumerate(points):
            if is_translatable(point):
                yield Unit(f"{base}/key_points.{page_id}.{index}", point, lesson.field_pos("key_points", page_id),
                           partial(points.__setitem__, index))


def _question_units(question: QuestionBase) -> Iterator[Unit]:
    base = f"question/{question.id}"
    yield from _text(question, "prompt", f"{base}/prompt")
    if question.media:
        yield from _text(question.media, "alt", f"{base}/media.alt")
    for choice in getattr(question, "choices", []):
        yield from _text(choice, "text", f"{base}/choice.{choice.id}")
        yield from _text(choice, "feedback", f"{base}/choice.{choice.id}.feedback")
    for pair in getattr(question, "pairs", []):
        yield from _text(pair, "source", f"{base}/pair.{pair.id}.source")
        yield from _text(pair, "target", f"{base}/pair.{pair.id}.target")
    for item in getattr(question, "items", []):
        yield from _text(item, "text", f"{base}/item.{item.id}")
    if question.type == "fill_in":
        # What the learner types is in the package's language: a French learner answers "contrôle", not
        # "control". A code or a number (no letter) stays as written.
        yield from _texts(question, "accepted", f"{base}/accepted")
    for document in getattr(question, "documents", []):
        where = f"{base}/document.{document.id}"
        yield from _text(document, "title", f"{where}.title")
        for entry in document.fields:
            yield from _text(entry, "label", f"{where}.{entry.id}.label")
            yield from _text(entry, "value", f"{where}.{entry.id}.value")
            yield from _text(entry, "finding", f"{where}.{entry.id}.finding")
        if document.lines:
            yield from _texts(document.lines, "columns", f"{where}.columns")
            for row in document.lines.rows:
                yield from _texts(row, "cells", f"{where}.{row.id}.cells")
                yield from _text(row, "finding", f"{where}.{row.id}.finding")
    yield from _text(question.feedback, "correct", f"{base}/feedback.correct")
    yield from _text(question.feedback, "incorrect", f"{base}/feedback.incorrect")
