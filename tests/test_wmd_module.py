"""The real module, modules/wmd_emerging_tech: the content rules its issue sets, checked on every run."""

from collections import Counter

from repo_paths import WMD_MODULE
from stce_scorm.check import check_module
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Scenario

MODULE, LOAD_PROBLEMS = load_module(WMD_MODULE)
BANK = [q for a in MODULE.assessments for p in a.pools for q in p.questions]
GRADED = [inner for q in BANK for inner in (q.questions if isinstance(q, Scenario) else [q])]


# Known (issue 9, point 16): after 3 failed attempts of 20 draws, the 2004 package's worst-case save at close is
# above the close-time budget (check/close_request.py). The warning stays visible until the draws or prompts shrink.
CLOSE_WARNING = "SCORM 2004: after 3 failed attempts, the LMS may have to send"


def test_loads_and_checks_clean_with_its_editorial_rules_on():
    problems = check_module(MODULE)
    assert LOAD_PROBLEMS == [] and [p for p in problems if not p.message.startswith(CLOSE_WARNING)] == []
    rules = MODULE.config.quality
    assert (rules.max_words_per_page, rules.questions_per_objective, rules.references_page) == (350, 2, "references")
    assert rules.lesson_objectives == (2, 4) and rules.lesson_pages == (4, 8)


def test_every_lesson_has_a_knowledge_check_and_a_scenario():
    for lesson in MODULE.lessons:
        text = "\n".join(page.markdown for page in lesson.pages)
        assert "::: check " in text, lesson.id
        assert "Scenario" in text, lesson.id


def test_glossary_and_assessment_sizes():
    assert len(MODULE.glossary) >= 40
    assert len(GRADED) >= 40
    scenario_based = [q for q in BANK if isinstance(q, Scenario)]
    assert sum(len(s.questions) for s in scenario_based) >= 10
    [final] = MODULE.assessments
    assert sum(p.draw or len(p.questions) for p in final.pools) == 20
    assert MODULE.config.tracking.passing_score == 80
    types = Counter(q.type for q in GRADED)
    assert {"single_choice", "multiple_response", "true_false", "matching", "sequencing"} <= set(types)


def test_feedback_teaches():
    for question in GRADED + list(MODULE.knowledge_checks):
        assert len(question.feedback.incorrect.split()) >= 6, question.id
        assert question.feedback.incorrect.strip().lower() not in ("incorrect", "incorrect.", "wrong", "wrong.")
