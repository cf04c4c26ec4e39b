"""Paths the tests share (a plain module: test files import it, while conftest.py files are not importable)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_MODULE = REPO / "examples" / "dual_use_basics"
WMD_MODULE = REPO / "modules" / "wmd_emerging_tech"
FIXTURES = REPO / "tests" / "fixtures"  # small modules, one concern each (tests/fixtures/README.md)
ARABIC_MODULE = FIXTURES / "arabic_ui"  # the player right to left, in Arabic
ASSESSED_DOCUMENT = FIXTURES / "assessed_document"  # a document inspection in the assessment
COMPLETED_BY_PAGES = FIXTURES / "completed_by_pages"  # completed_when: pages_viewed, with an assessment
DOCUMENT_INSPECTION = FIXTURES / "document_inspection"  # one knowledge check: an invoice and an air waybill
DRAWS_WITHOUT_BLUEPRINT = FIXTURES / "draws_without_blueprint"  # 6 of 7 slots drawn, no blueprint
EVERY_QUESTION = FIXTURES / "every_question"  # every question type; the assessment draws them all, in order
IMAGES = FIXTURES / "images"  # a tall photo and a diagram in a figure
MARKUP_IN_AUTHOR_TEXT = FIXTURES / "markup_in_author_text"  # titles, answers, documents that look like markup
MINIMAL = FIXTURES / "minimal"  # the smallest complete module: the base that error tests break
LOCKED_NAVIGATION = FIXTURES / "locked_navigation"  # a page opens once the ones before it are done
ONE_QUESTION_PER_SCREEN = FIXTURES / "one_question_per_screen"  # the assessment one question at a time
UNSHUFFLED_CHOICES = FIXTURES / "unshuffled_choices"  # a knowledge check marked shuffle: false
TWO_LESSONS = FIXTURES / "two_lessons"  # one lesson can change while the other does not
TIMED_ASSESSMENT = FIXTURES / "timed_assessment"  # an assessment with a time limit
