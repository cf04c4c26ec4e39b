"""The trainer slides: a real PowerPoint file (python-pptx), since trainers edit and present in PowerPoint.

Order: a title slide; per lesson a section slide with its objectives, then per page its key points,
its pictures and its knowledge checks as quick polls, then the lesson's scenarios as discussions; at
the end the glossary. Speaker notes carry the page text, and for polls and scenarios the answer and
the feedback, so the trainer has the e-learning's words at hand.

Every text is measured before it is placed (`fit`): a text that would overflow its box is set
smaller, down to a floor, and past the floor goes on to a continuation slide. Every picture gets the
author's alt text. The file is rewritten with fixed zip dates and fixed document properties, so the
same module gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from stce_scorm.render.theme import Brand
from stce_scorm.scorm.package import ZIP_EPOCH
from stce_scorm.render.wording import Words as UiWords
from stce_scorm.render.wording import choose, phrase
from stce_scorm.source.models import SimpleQuestion
from stce_scorm.storyboard.document import correct_ids
from stce_scorm.workshop.fit import INSET_IN, SLIDE_FONT, SPACE_AFTER_PT, Box, Paragraph, fitting_size, split_to_fit
from stce_scorm.workshop.kit import Discussion, Kit, KitLesson, Picture
from stce_scorm.workshop.pictures import SlidePicture
from stce_scorm.workshop.points import markdown_text, page_text

SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5  # inches: 16:9
MARGIN = 0.6
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TITLE_BOX = (MARGIN, 0.35, CONTENT_WIDTH, 1.15)
BODY_BOX = (MARGIN, 1.7, CONTENT_WIDTH, 4.95)
FOOTER_BOX = (MARGIN, 6.85, CONTENT_WIDTH, 0.45)
PICTURE_BOX = (MARGIN, 1.65, CONTENT_WIDTH, 4.3)
CAPTION_BOX = (MARGIN, 6.0, CONTENT_WIDTH, 0.85)
BULLET_INDENT = 0.35

TITLE_SIZES = (32, 30, 28, 26, 24, 22, 20)
BODY_SIZES = (26, 24, 22, 20, 18)
SMALL_SIZES = (16, 14, 12)
FIXED_DATE = datetime.datetime(*ZIP_EPOCH)  # no wall-clock value in the file

_LAYOUT_TITLE, _LAYOUT_TITLE_ONLY = 0, 5


@dataclass(frozen=True)
class Words:
    """The UI words the slides use, from the theme's locale files."""

    text: UiWords
    language: str = "en"

    def __getitem__(self, key: str) -> str:
        return choose(self.text[key], None, self.language)

    def format(self, key: str, **values) -> str:
        """Placeholders filled, numbers and plural forms by Babel (render/wording.py)."""
        return phrase(self.text, key, self.language, **values)


def slides_bytes(kit: Kit, words: UiWords, brand: Brand, logo: Path | None,
                 picture_of: Callable[[Picture], SlidePicture]) -> bytes:
    """The deck of a kit as .pptx bytes."""
    deck = _Deck(kit.config.language, Words(words, kit.config.language), brand, kit.config.title, picture_of)
    deck.title_slide(kit, logo)
    for lesson in kit.lessons:
        deck.lesson(lesson)
    for discussion in kit.discussions:
        deck.discussion(discussion)
    if kit.glossary:
        paragraphs = [Paragraph(f"{term.term}: {markdown_text(term.definition)}") for term in kit.glossary]
        deck.text_slides(deck.words["glossary"], paragraphs, bullets=False, notes="")
    return _deterministic(deck.save(kit))


class _Deck:
    def __init__(self, language: str, words: Words, brand: Brand, footer: str,
                 picture_of: Callable[[Picture], SlidePicture]):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(SLIDE_WIDTH), Inches(SLIDE_HEIGHT)
        self.language = language
        self.words = words
        self.brand = brand
        self.footer = footer
        self.picture_of = picture_of

    # --- slide kinds ------------------------------------------------------------------------

    def title_slide(self, kit: Kit, logo: Path | None) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_LAYOUT_TITLE])
        self._band(slide, 0, SLIDE_HEIGHT)
        title, subtitle = slide.placeholders[0], slide.placeholders[1]
        config = kit.config
        self._fill(title, (MARGIN, 1.6, CONTENT_WIDTH, 2.4), [Paragraph(config.title)], TITLE_SIZES + (18,),
                   bold=True, colour=self.brand.on_primary, anchor=MSO_ANCHOR.BOTTOM)
        line = f"{self.words['workshop_slides_title']} · {config.version} · {config.language}"
        self._fill(subtitle, (MARGIN, 4.2, CONTENT_WIDTH, 1.2), [Paragraph(line)], (20, 18, 16),
                   colour=self.brand.on_primary)
        if logo is not None:
            slide.shapes.add_picture(str(logo), Inches(MARGIN), Inches(0.5), height=Inches(0.9))
            _describe(slide.shapes[-1], self.words["workshop_logo"])
        self._notes(slide, page_text(config.description))

    def lesson(self, lesson: KitLesson) -> None:
        heading = self.words.format("workshop_lesson", n=lesson.number, title=lesson.lesson.title)
        objectives = [Paragraph(objective.text, BULLET_INDENT) for objective in lesson.lesson.objectives]
        minutes = self.words.format("storyboard_minutes", count=lesson.lesson.minutes)
        self.text_slides(heading, [Paragraph(self.words["objectives"])] + objectives, bullets=True,
                         notes=f"{heading} ({minutes})", first_plain=True, section=True)
        for page in lesson.pages:
            if page.key_points:
                self.text_slides(page.page.title, [Paragraph(point, BULLET_INDENT) for point in page.key_points],
                                 bullets=True, notes=page.notes)
            for picture in page.pictures:
                self.picture_slide(page.page.title, picture, page.notes)
            for question in page.checks:
                self.poll(question)
        for discussion in lesson.discussions:
            self.discussion(discussion)

    def discussion(self, discussion: Discussion) -> None:
        case = [Paragraph(line) for line in page_text(discussion.case).splitlines()]
        title = discussion.title
        self.text_slides(title, case, bullets=False, notes=page_text(discussion.model_answer),
                         size_floor=BODY_SIZES[-1])
        if discussion.picture:
            self.picture_slide(title, discussion.picture, "")
        for question in discussion.questions:
            self.text_slides(f"{self.words['workshop_discuss']}: {title}", self._question_paragraphs(question),
                             bullets=False, notes=self._answer_notes(question, discussion.model_answer))

    def poll(self, question: SimpleQuestion) -> None:
        self.text_slides(self.words["workshop_poll"], self._question_paragraphs(question), bullets=False,
                         notes=self._answer_notes(question, ""))

    def text_slides(self, title: str, paragraphs: list[Paragraph], bullets: bool, notes: str,
                    first_plain: bool = False, section: bool = False, size_floor: int | None = None) -> None:
        """One slide, or as many as the text needs: the largest size that fits, else continuation slides."""
        box = Box(BODY_BOX[2], BODY_BOX[3])
        size = fitting_size(paragraphs, box, BODY_SIZES)
        runs = [paragraphs] if size else split_to_fit(paragraphs, box, size_floor or BODY_SIZES[-1])
        for number, run in enumerate(runs, 1):
            run_size = size or fitting_size(run, box, BODY_SIZES) or BODY_SIZES[-1]
            heading = title if number == 1 else self.words.format("workshop_continued", title=title)
            slide = self._content_slide(heading, section)
            body = slide.shapes.add_textbox(*(Inches(v) for v in BODY_BOX))
            body.name = "Body"
            self._write(body.text_frame, run, run_size, bullets=bullets,
                        plain_first=first_plain and number == 1)
            self._notes(slide, notes)

    def picture_slide(self, title: str, picture: Picture, notes: str) -> None:
        slide = self._content_slide(title)
        rendered = self.picture_of(picture)
        left, top, width, height = PICTURE_BOX
        scale = min(width / rendered.width, height / rendered.height)
        shown_w, shown_h = rendered.width * scale, rendered.height * scale
        shape = slide.shapes.add_picture(io.BytesIO(rendered.png), Inches(left + (width - shown_w) / 2),
                                         Inches(top + (height - shown_h) / 2), Inches(shown_w), Inches(shown_h))
        _describe(shape, picture.alt)
        if picture.caption:
            caption = slide.shapes.add_textbox(*(Inches(v) for v in CAPTION_BOX))
            caption.name = "Caption"
            paragraphs = [Paragraph(picture.caption)]
            box = Box(CAPTION_BOX[2], CAPTION_BOX[3])
            size = fitting_size(paragraphs, box, (20, 18) + SMALL_SIZES)
            if size is None:  # a caption too long for its strip: the notes keep it whole
                paragraphs = split_to_fit(paragraphs, box, SMALL_SIZES[-1])[0]
                size = SMALL_SIZES[-1]
            self._write(caption.text_frame, paragraphs, size, bullets=False, align=PP_ALIGN.CENTER)
        self._notes(slide, "\n".join(part for part in (picture.caption, picture.alt, notes) if part))

    # --- parts ------------------------------------------------------------------------------

    def _content_slide(self, title: str, section: bool = False):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_LAYOUT_TITLE_ONLY])
        if section:
            self._band(slide, 0, 1.6)
        else:
            self._band(slide, 0, 0.18)
        colour = self.brand.on_primary if section else self.brand.primary
        self._fill(slide.shapes.title, TITLE_BOX, [Paragraph(title)], TITLE_SIZES, bold=True, colour=colour,
                   anchor=MSO_ANCHOR.MIDDLE)
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(MARGIN), Inches(1.55), Inches(CONTENT_WIDTH),
                                      Inches(0.04))
        _flat(rule, self.brand.accent)
        rule.name = "Rule"
        footer = slide.shapes.add_textbox(*(Inches(v) for v in FOOTER_BOX))
        footer.name = "Footer"
        paragraphs = [Paragraph(self.footer)]
        size = fitting_size(paragraphs, Box(FOOTER_BOX[2], FOOTER_BOX[3]), SMALL_SIZES[1:] + (10, 9, 8))
        self._write(footer.text_frame, paragraphs, size or 8, bullets=False, colour="#4d5560")
        return slide

    def _band(self, slide, top: float, height: float) -> None:
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(top), self.prs.slide_width, Inches(height))
        _flat(band, self.brand.primary)
        band.name = "Band"
        # Behind everything else, so the title placeholder stays on top and first in reading order.
        tree = slide.shapes._spTree
        tree.remove(band._element)
        tree.insert(2, band._element)

    def _fill(self, placeholder, geometry, paragraphs: list[Paragraph], sizes: tuple[int, ...], bold=False,
              colour: str | None = None, anchor=MSO_ANCHOR.TOP) -> None:
        """Put text into a placeholder moved to `geometry`, at the largest size that fits; the smallest
        size with the text cut to what fits, if even that overflows (titles are short: it never should)."""
        placeholder.left, placeholder.top, placeholder.width, placeholder.height = (Inches(v) for v in geometry)
        box = Box(geometry[2], geometry[3])
        size = fitting_size(paragraphs, box, sizes, bold)
        if size is None:
            size = sizes[-1]
            paragraphs = split_to_fit(paragraphs, box, size, bold)[0]
        self._write(placeholder.text_frame, paragraphs, size, bullets=False, bold=bold, colour=colour,
                    anchor=anchor)

    def _write(self, frame, paragraphs: list[Paragraph], size: int, bullets: bool, bold: bool = False,
               colour: str | None = None, plain_first: bool = False, align=None, anchor=MSO_ANCHOR.TOP) -> None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Inches(INSET_IN))
        frame.clear()
        for index, item in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(SPACE_AFTER_PT)
            paragraph.space_before = Pt(0)
            paragraph.line_spacing = 1.0
            if align is not None:
                paragraph.alignment = align
            is_bullet = bullets and item.indent and not (plain_first and index == 0)
            _bullet(paragraph, item.indent if is_bullet else 0.0)
            run = paragraph.add_run()
            run.text = item.text
            font = run.font
            font.size = Pt(size)
            font.name = SLIDE_FONT
            font.bold = bold or (plain_first and index == 0)
            font.color.rgb = RGBColor.from_string((colour or self.brand.text).lstrip("#"))
            run._r.get_or_add_rPr().set("lang", self.language)

    def _notes(self, slide, text: str) -> None:
        if text:
            slide.notes_slide.notes_text_frame.text = text

    def _question_paragraphs(self, question: SimpleQuestion) -> list[Paragraph]:
        """The question as the class sees it: the prompt, then the options lettered A, B, C."""
        paragraphs = [Paragraph(markdown_text(question.prompt))]
        letters = "ABCDEFGHIJ"
        if question.type in ("single_choice", "multiple_response"):
            paragraphs += [Paragraph(f"{letters[i]}  {markdown_text(choice.text)}", BULLET_INDENT)
                           for i, choice in enumerate(question.choices)]
        elif question.type == "true_false":
            paragraphs += [Paragraph(f"A  {self.words['answer_true']}", BULLET_INDENT),
                           Paragraph(f"B  {self.words['answer_false']}", BULLET_INDENT)]
        elif question.type == "matching":
            paragraphs += [Paragraph(f"{i + 1}  {markdown_text(pair.source)}", BULLET_INDENT)
                           for i, pair in enumerate(question.pairs)]
            paragraphs.append(Paragraph(f"{self.words['storyboard_targets']}:"))
            paragraphs += [Paragraph(f"{letters[i]}  {pair.target}", BULLET_INDENT)
                           for i, pair in enumerate(sorted(question.pairs, key=lambda pair: pair.target))]
        elif question.type == "document_inspection":
            number = 0
            for document in question.documents:
                paragraphs.append(Paragraph(document.title))
                for _, text, _ in _document_entries(document):
                    number += 1
                    paragraphs.append(Paragraph(f"{number}  {text}", BULLET_INDENT))
        elif question.type == "sequencing":
            paragraphs.append(Paragraph(f"{self.words['storyboard_items']}:"))
            paragraphs += [Paragraph(f"{letters[i]}  {markdown_text(item.text)}", BULLET_INDENT)
                           for i, item in enumerate(sorted(question.items, key=lambda item: item.text))]
        return paragraphs

    def _answer_notes(self, question: SimpleQuestion, model_answer: str) -> str:
        """Speaker notes of a poll or discussion question: the answer, the feedback, the model answer."""
        words = self.words
        lines = [f"{words['storyboard_correct_answer']}: {_answer_text(question, words)}",
                 f"{words['storyboard_feedback_correct']}: {markdown_text(question.feedback.correct)}",
                 f"{words['storyboard_feedback_incorrect']}: {markdown_text(question.feedback.incorrect)}"]
        for choice in getattr(question, "choices", []):
            if choice.feedback:
                lines.append(f"{words.format('storyboard_feedback_choice', choice=_letter(question, choice.id))}: "
                             f"{markdown_text(choice.feedback)}")
        if question.type == "document_inspection":
            lines += [f"{entry}: {markdown_text(finding)}" for entry, _, finding in _numbered_entries(question)
                      if finding]
        if model_answer:
            lines += ["", f"{words['workshop_model_answer']}:", page_text(model_answer)]
        return "\n".join(lines)

    def save(self, kit: Kit) -> bytes:
        properties = self.prs.core_properties
        properties.title = kit.config.title
        properties.subject = self.words["workshop_slides_title"]
        properties.author = properties.last_modified_by = ""
        properties.keywords = ", ".join(kit.config.keywords)
        properties.language = kit.config.language
        properties.created = properties.modified = properties.last_printed = FIXED_DATE
        properties.revision = 1
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def _letter(question: SimpleQuestion, choice_id: str) -> str:
    """The letter a choice has on the slide (A for the first choice)."""
    ids = [choice.id for choice in getattr(question, "choices", [])]
    return "ABCDEFGHIJ"[ids.index(choice_id)] if choice_id in ids else choice_id


def _answer_text(question: SimpleQuestion, words: Words) -> str:
    if question.type in ("single_choice", "multiple_response"):
        texts = {choice.id: markdown_text(choice.text) for choice in question.choices}
        return "; ".join(f"{_letter(question, cid)} {texts[cid]}" for cid in correct_ids(question))
    if question.type == "true_false":
        return words["answer_true"] if question.correct else words["answer_false"]
    if question.type == "fill_in":
        return " / ".join(question.accepted)
    if question.type == "numeric":
        answer = question.correct
        if answer.value is not None:
            return words.format("storyboard_numeric_value", value=answer.value)
        return words.format("storyboard_numeric_range", min=answer.min, max=answer.max)
    if question.type == "matching":
        return "; ".join(f"{markdown_text(pair.source)} → {pair.target}" for pair in question.pairs)
    if question.type == "sequencing":
        return " → ".join(markdown_text(item.text) for item in question.items)
    if question.type == "document_inspection":
        return "; ".join(entry for entry, ident, _ in _numbered_entries(question) if ident in question.correct)
    return ""


def _document_entries(document) -> list[tuple[str, str, str | None]]:
    """A document's selectable entries as (id, one line of text, finding): fields, then goods lines."""
    entries = [(f"{document.id}.{field.id}", f"{field.label}: {' '.join(field.value.split())}", field.finding)
               for field in document.fields]
    if document.lines:
        columns = document.lines.columns
        entries += [(f"{document.id}.{row.id}",
                     " · ".join(f"{column}: {cell}" for column, cell in zip(columns, row.cells)), row.finding)
                    for row in document.lines.rows]
    return entries


def _numbered_entries(question) -> list[tuple[str, str, str | None]]:
    """(label as the slide numbers it, e.g. "3 Delivery terms: FCA ...", entry id, finding), in slide order."""
    entries = [entry for document in question.documents for entry in _document_entries(document)]
    return [(f"{number} {text}", ident, finding) for number, (ident, text, finding) in enumerate(entries, 1)]


def _bullet(paragraph, indent: float) -> None:
    """A bullet with a hanging indent, or explicitly none (layouts may add bullets of their own)."""
    properties = paragraph._p.get_or_add_pPr()
    for child in list(properties):
        if child.tag in (qn("a:buNone"), qn("a:buChar"), qn("a:buFont")):
            properties.remove(child)
    if indent:
        properties.set("marL", str(Inches(indent)))
        properties.set("indent", str(-Inches(indent)))
        font = properties.makeelement(qn("a:buFont"), {"typeface": SLIDE_FONT})
        char = properties.makeelement(qn("a:buChar"), {"char": "•"})
        properties.append(font)
        properties.append(char)
    else:
        properties.set("marL", "0")
        properties.set("indent", "0")
        properties.append(properties.makeelement(qn("a:buNone"), {}))


def _describe(shape, alt: str) -> None:
    """Alt text: PowerPoint and screen readers read the picture's `descr`."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", alt)


def _flat(shape, colour: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    shape.line.fill.background()
    shape.shadow.inherit = False


def _deterministic(pptx: bytes) -> bytes:
    """The same entries in the same order, each dated ZIP_EPOCH: python-pptx stamps the time of saving."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
