"""The author's source format, declared once.

Each field has a description: it feeds the JSON Schema (`stce-scorm schema`) that editors use to
autocomplete YAML, and the hints of error messages. Unknown keys are errors everywhere.
Every model remembers where it was written (`pos`, and `field_pos(name)`), so checks after
loading can still point at a file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from stce_scorm.errors import SourcePos
from stce_scorm.targets import TARGETS, TargetName

ID_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"
ID_HINT = "use lower-case letters, digits and '_', starting with a letter (e.g. 'q_am_03')"
CHOICE_ID_PATTERN = r"^[a-z0-9][a-z0-9_]{0,15}$"

Identifier = Annotated[str, Field(pattern=ID_PATTERN, description=f"A stable id: {ID_HINT}.")]
ChoiceId = Annotated[str, Field(pattern=CHOICE_ID_PATTERN,
                                description="A short choice id: lower-case letters, digits, '_' (e.g. 'a', 'b').")]
Markdown = Annotated[str, Field(min_length=1, description="Markdown text.")]


class SourceModel(BaseModel):
    """Base of every source model: strict keys, plus where it was written."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    _pos: SourcePos = PrivateAttr(default=SourcePos(""))
    _field_pos: dict[str, SourcePos] = PrivateAttr(default_factory=dict)

    @property
    def pos(self) -> SourcePos:
        return self._pos

    def field_pos(self, name: str, index: int | str | None = None) -> SourcePos:
        """Position of one of this model's keys (or of item or key `index` inside it), else of the model."""
        if index is not None and f"{name}.{index}" in self._field_pos:
            return self._field_pos[f"{name}.{index}"]
        return self._field_pos.get(name, self._pos)


# --- module.yaml -------------------------------------------------------------------------------


class Tracking(SourceModel):
    """What the module reports to the LMS."""

    completed_when: Literal["pages_viewed", "assessment_passed", "both"] = Field(
        "both", description="What counts as \"completed\": `pages_viewed` (every page viewed), `assessment_passed` (the "
                            "assessment passed), or `both`. If it is not `pages_viewed`, the module must have an "
                            "assessment: the checker says so.")
    passing_score: int = Field(80, ge=0, le=100, description="Pass mark of the graded assessment, in percent.")
    on_assessment_failed: Literal["failed", "incomplete"] = Field(
        "incomplete",
        description="SCORM 1.2 status after a failed assessment while attempts remain: `failed` or `incomplete`. "
                    "`incomplete` keeps learners from being locked out by LMSs that block new attempts after "
                    "\"failed\". Once the last allowed attempt (`attempts:`) has failed, 1.2 reports `failed` "
                    "either way. SCORM 2004 always reports a failed attempt as `success_status` = `failed` with "
                    "`completion_status` still `incomplete`, so the learner can try again and Moodle's reports "
                    "show the failure.")
    write_mastery_score: bool = Field(
        True, description="Write the pass mark (`passing_score`) into the SCORM 1.2 manifest as the \"mastery "
                          "score\" (adlcp:masteryscore).")


Severity = Literal["off", "warning", "error"]


class ItemLint(SourceModel):
    """Item-writing rules (cues that let learners guess): each a warning unless set to 'error' or 'off'."""

    longest_key: Severity = Field(
        "warning", description="A single-choice key at least `longest_key_ratio` times (and 10 characters) longer "
                               "than the longest wrong option.")
    longest_key_ratio: float = Field(1.5, gt=1, le=10, description="How much longer the key must be to be flagged.")
    key_positions: Severity = Field(
        "warning", description="More than half of a bank's unshuffled single-choice keys (at least 4) in one position.")
    wrong_option_counts: Severity = Field(
        "warning", description="Every multiple-response item of a bank (at least 3) with the same number of wrong options.")
    true_false_cues: Severity = Field(
        "warning", description="A false statement with an absolute word (never, always, only...) or a true one with "
                               "a hedge (can, may, often...).")
    near_duplicates: Severity = Field(
        "warning", description="An assessment item whose text is `similarity` or more the same as a knowledge check.")
    similarity: float = Field(0.85, gt=0, le=1, description="Text similarity (difflib ratio) that counts as a duplicate.")
    under_tested: Severity = Field(
        "warning", description="An objective the assessment does not test, or tests with fewer questions than its "
                               "blueprint needs per attempt.")
    feedback: Severity = Field(
        "warning", description="The same feedback for right and wrong, wrong-answer feedback under 4 words, or the "
                               "same feedback on every option.")
    ordered_options: Severity = Field(
        "warning", description="'All of the above'-style options in a question whose choices are shuffled.")


class Quality(SourceModel):
    """Editorial rules the checker enforces for this module; each is off unless set (item lint: warnings)."""

    max_words_per_page: int | None = Field(
        None, gt=0, description="Longest page, in words of text (markup excluded): keeps pages readable.")
    questions_per_objective: int | None = Field(
        None, gt=0, description="Graded questions that must test each lesson objective.")
    references_page: str | None = Field(
        None, pattern=ID_PATTERN,
        description="Id of the page each lesson must end with, listing the public sources of its facts.")
    lesson_objectives: tuple[int, int] | None = Field(
        None, description="Least and most objectives per lesson, e.g. [2, 4].")
    lesson_pages: tuple[int, int] | None = Field(None, description="Least and most pages per lesson, e.g. [4, 8].")
    items: ItemLint = Field(default_factory=ItemLint,
                            description="Item-writing lint: 'warning' (default), 'error' or 'off' per rule.")


class ModuleConfig(SourceModel):
    """module.yaml: what the module is and what it contains, in order."""

    id: Identifier = Field(description=f"The module's stable id; LMS identifiers derive from it. Never change it after "
                                       f"the first upload: the LMS may lose learners' records. {ID_HINT}.")
    title: str = Field(min_length=1, max_length=200, description="Title shown to learners and in the LMS.")
    description: str = Field(min_length=1, description="One paragraph for the LMS catalogue.")
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?(-[0-9a-z]+(\.[0-9a-z]+)*)?$",
                         description="Content version, e.g. '1.0.0', or a pre-release such as '1.0.0-rc.1'.")
    language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$",
                          description="Language of this module's text, as a BCP 47 code such as 'en' or 'fr'.")
    translations: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]] = Field(
        default_factory=list,
        description="Languages the module is translated into, e.g. `[fr]`. Each has its file "
                    "`translations/<code>.po`; `build` makes a package per language. See "
                    "[14. Translating a module](#14-translating-a-module).")
    keywords: list[str] = Field(default_factory=list, description="Catalogue keywords.")
    audience: str = Field("", description="Who the module is for.")
    learning_time_minutes: int = Field(gt=0, le=6000, description="Typical learning time in minutes.")
    theme: str = Field("wco", pattern=r"^[a-z][a-z0-9_-]*$", description="Theme folder name under themes/.")
    scorm: list[TargetName] = Field(
        default_factory=lambda: list(TARGETS), min_length=1,  # type: ignore[arg-type]
        description="SCORM versions to build: `1.2`, `2004` (4th edition), or both.",
        # YAML reads 1.2 and 2004 as numbers; editors validating against the schema must accept them too.
        json_schema_extra={"items": {"enum": [*TARGETS, *(yaml.safe_load(name) for name in TARGETS)]}})
    navigation: Literal["free", "locked"] = Field(
        "free", description="`free`: any page at any time. `locked`: a page opens only after every page before it "
                            "was viewed and its knowledge checks answered.")
    one_question_per_screen: bool = Field(
        False, description="`true`: graded assessments show one question (or one scenario) at a time, with Previous "
                           "question and Next question buttons and Submit on the last screen. Easier on a phone and "
                           "with a screen reader. Questions are numbered \"Question n of N\" either way.")
    tracking: Tracking = Field(default_factory=Tracking, description="What the module reports to the LMS.")
    lessons: list[str] = Field(min_length=1, description="Lesson Markdown files, in order, relative to the module "
                                                         "folder. Each file listed once.")
    knowledge_checks: list[str] = Field(
        default_factory=list, description="Question files whose questions lessons embed with `::: check ID`.")
    assessments: list[str] = Field(default_factory=list, description="Graded assessment YAML files, in order.")
    glossary: str | None = Field(None, description="The glossary file.")
    quality: Quality = Field(default_factory=Quality, description="Editorial rules that every `check` and `build` "
                                                                  "enforces, see below.")

    @field_validator("scorm", mode="before")
    @classmethod
    def _versions_as_text(cls, value: object) -> object:
        # YAML reads `1.2` as a float and `2004` as an int; authors should not need quotes.
        if isinstance(value, list):
            return [str(v) if isinstance(v, (int, float)) else v for v in value]
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float)) else value


# --- lessons (Markdown front matter; pages come from the body) ----------------------------------


class Objective(SourceModel):
    """A learning objective, tested by assessment questions that name it."""

    id: Identifier
    text: str = Field(min_length=1, description="The objective, starting with a verb ('Explain ...').")


class LessonFrontMatter(SourceModel):
    """The YAML block at the top of a lesson file, between two '---' lines."""

    id: Identifier
    title: str = Field(min_length=1, max_length=200, description="Lesson title, shown above each page title.")
    objectives: list[Objective] = Field(default_factory=list, description="What the learner can do after the lesson. "
                                                                          "Each has an `id` and a `text`.")
    minutes: int = Field(gt=0, le=600, description="Estimated minutes to complete the lesson.")
    key_points: dict[str, list[Markdown]] = Field(
        default_factory=dict,
        description="What the trainer slide of each page shows (`stce-scorm workshop`, section 13): page id -> "
                    "list of one-line Markdown points. `[]` leaves the page off the slides. Pages not named here "
                    "show their first paragraph and top-level list items.")


class Page(SourceModel):
    """One screen of a lesson: starts at a level-1 heading in the lesson file."""

    id: Identifier
    title: str
    markdown: str = Field(description="The page's Markdown, heading included.")
    first_line: int = Field(description="Line of the page heading in the lesson file.")
    body: str = Field(description="The Markdown after the heading: what the page shows under its title.")


class Lesson(SourceModel):
    """A lesson: its front matter plus its pages, in order."""

    id: Identifier
    title: str
    objectives: list[Objective]
    minutes: int
    file: str
    pages: list[Page]
    key_points: dict[str, list[str]] = Field(default_factory=dict)


# --- questions ---------------------------------------------------------------------------------


class Media(SourceModel):
    """An image with its required text alternative."""

    src: str = Field(description="Path of the file under the module's media/ folder, e.g. 'media/route.svg'.")
    alt: str = Field(min_length=1, description="What the image shows, for screen-reader users.")


class Feedback(SourceModel):
    """General feedback shown after the learner answers."""

    correct: Markdown = Field(description="Shown when the answer is right: say why it is right.")
    incorrect: Markdown = Field(description="Shown when it is wrong: teach the point, don't just say 'wrong'.")


class Choice(SourceModel):
    id: ChoiceId
    text: Markdown
    feedback: str | None = Field(None, description="Shown when this choice is selected.")


class Branch(SourceModel):
    """Where a scenario goes after a question, by the learner's answer: a later question's id, or 'end'."""

    correct: str = Field(description="Next question after a right answer: a later question of the scenario, or 'end'.")
    incorrect: str = Field(description="Next question after a wrong answer: a later question of the scenario, or 'end'.")


class QuestionBase(SourceModel):
    id: Identifier = Field(description="Stable question id; it becomes the LMS interaction id. " + ID_HINT)
    prompt: Markdown = Field(description="The question, in Markdown.")
    objective: str | None = Field(None, description="Id of the lesson objective this question tests. It must exist "
                                                    "in a lesson. Required in assessments.")
    points: float = Field(1, gt=0, le=100, description="Weight of the question in the score. Decimals are allowed.")
    feedback: Feedback = Field(description="`correct:` and `incorrect:`, both required, both Markdown.")
    media: Media | None = Field(None, description="An image with `src` and `alt` (section 6).")
    branch: Literal["end"] | Branch | None = Field(
        None, description="Inside a scenario only: where to go after this question ('end', or by right and "
                          "wrong answer). Without it the scenario goes on to the next question in the list.")
    if TYPE_CHECKING:
        type: str  # each kind declares its own literal; code handling any question may read it


class SingleChoice(QuestionBase):
    type: Literal["single_choice"]
    choices: list[Choice] = Field(min_length=2, max_length=10)
    shuffle: bool = Field(
        True, description="`single_choice` and `multiple_response` only. The choices show in an order of their own "
                          "for each learner, in knowledge checks too (kept when the learner comes back), and in "
                          "assessments when `shuffle_choices` is on. Set `shuffle: false` where the order matters "
                          "(\"all of the above\", \"both A and B\", a scale).")
    correct: ChoiceId = Field(description="Id of the one correct choice.")


class MultipleResponse(QuestionBase):
    type: Literal["multiple_response"]
    choices: list[Choice] = Field(min_length=2, max_length=10)
    shuffle: bool = Field(
        True, description="`single_choice` and `multiple_response` only. The choices show in an order of their own "
                          "for each learner, in knowledge checks too (kept when the learner comes back), and in "
                          "assessments when `shuffle_choices` is on. Set `shuffle: false` where the order matters "
                          "(\"all of the above\", \"both A and B\", a scale).")
    correct: list[ChoiceId] = Field(min_length=1, description="Ids of every correct choice.")


class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    correct: bool


class FillIn(QuestionBase):
    type: Literal["fill_in"]
    accepted: list[str] = Field(min_length=1, max_length=10, description="Every accepted answer.")
    case_sensitive: bool = False


class NumericAnswer(SourceModel):
    """Either an exact `value` or a `min`..`max` range (inclusive)."""

    value: float | None = None
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one_form(self) -> NumericAnswer:
        if (self.value is None) == (self.min is None or self.max is None):
            raise ValueError("give either 'value', or both 'min' and 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' is greater than 'max'")
        return self

    def bounds(self) -> tuple[float, float]:
        """The accepted range, inclusive: (value, value) for an exact answer."""
        if self.value is not None:
            return self.value, self.value
        assert self.min is not None and self.max is not None  # _one_form allows no other shape
        return self.min, self.max


class Numeric(QuestionBase):
    type: Literal["numeric"]
    correct: NumericAnswer


class MatchPair(SourceModel):
    id: ChoiceId
    source: Markdown = Field(description="The item on the left.")
    target: Markdown = Field(description="What it matches on the right.")


class Matching(QuestionBase):
    type: Literal["matching"]
    pairs: list[MatchPair] = Field(min_length=2, max_length=10)


class SequenceItem(SourceModel):
    id: ChoiceId
    text: Markdown


class Sequencing(QuestionBase):
    type: Literal["sequencing"]
    items: list[SequenceItem] = Field(min_length=2, max_length=10, description="The items in the correct order.")
    also_accepted: list[list[ChoiceId]] = Field(
        default_factory=list, max_length=5,
        description="Other orders that are right too, each listing every item id once, e.g. [[a, c, b]].")


DocumentKind = Literal["commercial_invoice", "packing_list", "air_waybill", "bill_of_lading", "export_declaration",
                       "end_user_certificate", "licence", "letter"]
DocumentText = Annotated[str, Field(min_length=1, max_length=300,
                                    description="Plain text as printed on the document (not Markdown); quote "
                                                "numbers, dates and codes so YAML keeps them as written.")]


class DocumentField(SourceModel):
    """One label/value entry of a document; the learner can select it."""

    id: ChoiceId = Field(description="Short id, unique within its document: 'seller', 'consignee', 'hs_code'.")
    label: str = Field(min_length=1, max_length=80, description="The entry's label as printed, e.g. 'Consignee'.")
    value: DocumentText
    finding: Markdown | None = Field(
        None, description="Why this entry does (or does not) matter; shown after the learner answers.")


class DocumentRow(SourceModel):
    """One line of a document's goods table; the learner can select it."""

    id: ChoiceId = Field(description="Short id, unique within its document: 'l1', 'l2'.")
    cells: list[DocumentText] = Field(min_length=1, max_length=8, description="One text per column, in order.")
    finding: Markdown | None = Field(
        None, description="Why this line does (or does not) matter; shown after the learner answers.")


class DocumentLines(SourceModel):
    """A document's table of goods lines."""

    columns: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        min_length=1, max_length=8, description="Column headings, e.g. [Description, HS code, Quantity, Value].")
    rows: list[DocumentRow] = Field(min_length=1, max_length=36, description="The goods lines, in order.")


class InspectionDocument(SourceModel):
    """A trade document rendered as styled text: labelled entries, then an optional table of goods lines."""

    id: ChoiceId = Field(description="Short id, unique within the question: 'inv', 'awb'.")
    kind: DocumentKind = Field(description="What sort of document it is; names it for learners.")
    title: str = Field(min_length=1, max_length=200, description="Its heading, e.g. 'Commercial invoice No. 2026-0147'.")
    fields: list[DocumentField] = Field(default_factory=list, max_length=36,
                                        description="Label/value entries, shown in order.")
    lines: DocumentLines | None = Field(None, description="An optional table of goods lines.")


class DocumentInspection(QuestionBase):
    """The learner reads trade documents and selects every entry that does not fit."""

    type: Literal["document_inspection"]
    documents: list[InspectionDocument] = Field(
        min_length=1, max_length=4, description="The documents the learner compares, shown in this order.")
    correct: list[str] = Field(
        min_length=1, description="Every entry the learner must select, as '<document id>.<field or row id>', "
                                  "e.g. [inv.consignee, awb.l1].")

    def entries(self) -> list[str]:
        """Every selectable id ('inv.seller'), in reading order: each document's fields, then its rows."""
        return [f"{document.id}.{item_id}" for document in self.documents
                for item_id in [*(field.id for field in document.fields),
                                *(row.id for row in (document.lines.rows if document.lines else []))]]


SimpleQuestion = Annotated[
    SingleChoice | MultipleResponse | TrueFalse | FillIn | Numeric | Matching | Sequencing | DocumentInspection,
    Field(discriminator="type"),
]


class Scenario(SourceModel):
    """A short case (goods, route, documents) followed by questions about it."""

    id: Identifier
    type: Literal["scenario"]
    case: Markdown = Field(description="The case the questions are about.")
    media: Media | None = None
    questions: list[SimpleQuestion] = Field(min_length=1)


Question = Annotated[SimpleQuestion | Scenario, Field(discriminator="type")]


class QuestionFile(SourceModel):
    """A knowledge-check file: questions that lessons embed with '::: check ID'."""

    questions: list[SimpleQuestion] = Field(min_length=1)


class Pool(SourceModel):
    """A pool of questions from which an attempt draws some."""

    id: Identifier
    draw: int | None = Field(None, gt=0, description="How many questions an attempt draws from this pool; all if "
                                                     "omitted. Not more than the pool holds. A scenario counts as "
                                                     "one question here.")
    questions: list[Question] = Field(min_length=1, description="Questions and scenarios.")


Least = Annotated[int, Field(ge=0, le=50)]


class Blueprint(SourceModel):
    """How an attempt is assembled by objective: what every attempt's drawn questions must cover.

    The pools and their `draw` stay as they are; the draw takes the questions a requirement still needs
    first. The checker proves at build time that every possible draw meets the blueprint.
    """

    per_objective: Least = Field(
        0, description="Least questions testing each lesson objective of the module in every attempt (0: no rule).")
    objectives: dict[str, Least] = Field(
        default_factory=dict,
        description="Least questions for named objectives in every attempt, overriding per_objective, e.g. {o1_define: 2}.")
    lessons: dict[str, Least] = Field(
        default_factory=dict,
        description="Least questions testing any objective of a named lesson in every attempt, e.g. {l1_dual_use: 3}.")


class Assessment(SourceModel):
    """A graded assessment file."""

    id: Identifier
    title: str = Field(min_length=1, description="Title shown to learners.")
    introduction: str = Field("", description="Markdown shown before the first question.")
    pools: list[Pool] = Field(min_length=1, description="The pools of questions (or scenarios) attempts draw from.")
    shuffle_questions: bool = Field(True, description="Mix the order of the questions.")
    shuffle_choices: bool = Field(True, description="Mix the order of the choices.")
    attempts: int = Field(0, ge=0, le=100, description="Attempts allowed; `0` means unlimited.")
    show_correct_answers: bool = Field(
        True, description="Show the correct answers after submitting: under every question a line \"Your answer: … "
                          "Correct answer: …\" in words, for every type (matching pairs and sequencing orders "
                          "included). The results page never says \"try again\" after a pass or once no attempt "
                          "is left.")
    time_limit_minutes: int | None = Field(None, gt=0, description="Optional time limit in minutes. Learners can "
                                                                   "extend it.")
    blueprint: Blueprint | None = Field(
        None, description="What every attempt must cover by objective or lesson: see "
                          "[Blueprint](#blueprint-what-every-attempt-covers).")


# --- glossary ----------------------------------------------------------------------------------


class Term(SourceModel):
    id: Identifier
    term: str = Field(min_length=1, description="The term as learners read it.")
    definition: Markdown = Field(description="The definition, in Markdown.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings that link to this term (plurals, "
                                                                 "abbreviations).")


class Glossary(SourceModel):
    terms: list[Term] = Field(min_length=1, description="The list of terms.")


# --- the loaded module -------------------------------------------------------------------------


class Module(SourceModel):
    """Everything a build needs, loaded and positioned; produced by `load_module`."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    root: Path
    config: ModuleConfig
    lessons: list[Lesson]
    knowledge_checks: list[SimpleQuestion]
    assessments: list[Assessment]
    glossary: list[Term]
    translated_from: str | None = Field(
        None, description="The source language, when this is a translation made by apply_translation.")
    untranslated: int = Field(0, description="Units of a translation still shown in the source language.")
    translated_media: dict[str, bytes] = Field(
        default_factory=dict, description="A translation's SVG diagrams with their words translated, by path.")

    @property
    def manifest_id(self) -> str:
        """What LMS identifiers derive from: the module id, and for a translation its language too, so each
        language's package keeps its own learner records (the source language's ids never change)."""
        if self.translated_from is None:
            return self.config.id
        return f"{self.config.id}_{self.config.language.lower().replace('-', '_')}"

    def all_questions(self) -> list[SimpleQuestion]:
        """Every answerable question: knowledge checks, then assessment questions (scenarios unfolded)."""
        out: list[SimpleQuestion] = list(self.knowledge_checks)
        for assessment in self.assessments:
            for pool in assessment.pools:
                for question in pool.questions:
                    out.extend(question.questions if isinstance(question, Scenario) else [question])
        return out
