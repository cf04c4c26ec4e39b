"""The real module, modules/wmd_emerging_tech: the content rules its issues set, checked on every run."""

import re
from collections import Counter

import pytest

from repo_paths import WMD_MODULE
from stce_scorm.check import check_module
from stce_scorm.check.close_request import BEACON_LIMIT, worst_case_close_request
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Scenario

MODULE, LOAD_PROBLEMS = load_module(WMD_MODULE)
BANK = [q for a in MODULE.assessments for p in a.pools for q in p.questions]
GRADED = [inner for q in BANK for inner in (q.questions if isinstance(q, Scenario) else [q])]
OBJECTIVES = {o.id: o for lesson in MODULE.lessons for o in lesson.objectives}

# Countries that a WCO module must not present as proliferators, adversaries or "countries of concern"
# (issue 11, neutrality). Cases are anonymised instead. Names such as "Australia Group" are regime names.
COUNTRY_NAMES = [
    "Afghanistan", "Belarus", "China", "Chinese", "Cuba", "DPRK", "North Korea", "Eritrea", "Iran", "Iranian",
    "Iraq", "Libya", "Macau", "Macao", "Hong Kong", "Myanmar", "Pakistan", "Russia", "Russian", "Somalia",
    "Sudan", "Syria", "Syrian", "Venezuela", "Yemen", "Taiwan", "Malaysia", "Indonesia", "United Arab Emirates",
    "UAE", "Shanghai",
]
# Sources that are not primary or official: encyclopaedias, leaked cables, blogs, unofficial copies of
# documents and slide decks (issue 11, sources).
DENIED_SOURCES = [
    "wikipedia", "wikimili", "wikisum", "wikileaks", "fandom.com", "liquisearch", "profilbaru", "scribd.com",
    "slideplayer", "slideblast", "slideshare", "docslib", "dokumen.tips", "fdokumen", "cupdf", "vdocument",
    "readkong", "pubhtml5", "1library", "blogspot", "raytodd.blog", "jasonpoblete", "lawglobalhub", "wordscope",
    "h2mb-software", "legalize.dev", "sintact.ro", "menafn", "dvn.com.vn", "wemafrikaorg", "debategraph",
    "riskbasedaml", "respectus.space",
]
# A verb the assessment can check (issue 11, objectives): no "understand", "explain" or "describe".
MEASURABLE_VERBS = ("Identify", "Decide", "Use", "Recognise", "Match", "Read", "Select", "Distinguish", "Apply")
# The lessons whose revision is in this branch; the others follow in the second half of issue 11.
REVISED_LESSONS = ("01-", "02-", "03-", "04-")

SUBHEADING = re.compile(r"(?<![\d/])(?<!\d\.)\d{4}\.\d{2}(?!\d|\.\d)")
# "HS 2022" names an edition of the nomenclature, not heading 20.22.
HEADING = re.compile(r"\b(?:HS|headings?|subheadings?|under)\s+\**(?!20(?:17|22|27)\b)(\d{2}\.\d{2}|\d{4})(?!\d|\.\d|/)",
                     re.IGNORECASE)


def learner_files(revised_only: bool) -> list:
    """Every file whose text reaches learners: lessons, questions, glossary, pictures."""
    files = sorted((WMD_MODULE / "lessons").glob("*.md"))
    if revised_only:
        files = [f for f in files if f.name.startswith(REVISED_LESSONS)]
    return files + sorted((WMD_MODULE / "quizzes").glob("*.yaml")) + [WMD_MODULE / "glossary.yaml"] \
        + sorted((WMD_MODULE / "media").glob("*.svg"))


def reviewer_files(revised_only: bool) -> list:
    return learner_files(revised_only) + [WMD_MODULE / "SOURCES.md", WMD_MODULE / "CHANGELOG.md"]


def country_names_in(files) -> list[str]:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, COUNTRY_NAMES)) + r")\b")
    return [f"{f.name}: {m}" for f in files for m in pattern.findall(f.read_text(encoding="utf-8"))]


def denied_sources_in(files, revised_only: bool = False) -> list[str]:
    found = []
    for path in files:
        lines = path.read_text(encoding="utf-8").lower().splitlines()
        if revised_only and path.name == "SOURCES.md":  # rows of lessons 05-09 belong to their revision
            lines = [line for line in lines if not line.startswith(("| 05", "| 06", "| 07", "| 08", "| 09"))]
        found += [f"{path.name}: {d}" for d in DENIED_SOURCES if d in "\n".join(lines)]
    return found


def hs_codes_in(text: str) -> set[str]:
    return set(SUBHEADING.findall(text)) | set(HEADING.findall(text))


# Known (issue 9, point 16): after 3 failed attempts of 20 draws, the 2004 package's worst-case save at close is
# above the close-time budget (check/close_request.py). The warning stays visible until the draws or prompts shrink.
CLOSE_WARNING = "SCORM 2004: after 3 failed attempts, the LMS may have to send"


def hs_codes_listed_in(sources: str) -> set[str]:
    """The codes in the first column of every table under a heading "HS codes used ..." of SOURCES.md."""
    listed, in_list = set(), False
    for line in sources.splitlines():
        if line.startswith("#"):
            in_list = "HS codes used" in line
        elif in_list and line.startswith("| ") and not line.startswith("| Code"):
            listed |= set(re.findall(r"\b\d{4}\.\d{2}\b|\b\d{2}\.\d{2}\b|\b\d{4}\b", line.split("|")[1]))
    return listed


def test_loads_and_checks_clean_with_its_editorial_rules_on():
    problems = check_module(MODULE)
    assert LOAD_PROBLEMS == [] and [p for p in problems if not p.message.startswith(CLOSE_WARNING)] == []
    rules = MODULE.config.quality
    assert (rules.max_words_per_page, rules.questions_per_objective, rules.references_page) == (350, 2, "references")
    assert rules.lesson_objectives[0] == 1 and rules.lesson_pages == (4, 8)
    assert MODULE.config.version == "1.0.0-rc.1"


def test_the_worst_save_at_close_stays_below_what_browsers_send():
    # Above the budget is a warning (see CLOSE_WARNING); above the beacon limit the session's time is lost.
    for version in MODULE.config.scorm:
        request = worst_case_close_request(MODULE, version)
        assert request.total <= BEACON_LIMIT, (
            f"SCORM {version}: {request.total:,} bytes after {request.attempts} failed attempts; shorten the longest "
            "prompts, draw fewer or smaller scenarios, or allow fewer attempts")


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


def test_the_assessment_has_a_branching_scenario():
    branching = [s for s in BANK if isinstance(s, Scenario) and any(q.branch for q in s.questions)]
    assert branching, "issue 11 asks for branching scenarios"


def test_revised_lessons_keep_to_their_objective_budget():
    revised = [lesson for lesson in MODULE.lessons if lesson.pos.file.split("/")[-1].startswith(REVISED_LESSONS)]
    assert len(revised) == 4
    assert all(1 <= len(lesson.objectives) <= 2 for lesson in revised)
    assert sum(len(lesson.objectives) for lesson in revised) <= 5


def test_every_objective_is_tested_by_the_assessment_and_a_knowledge_check():
    graded = Counter(q.objective for q in GRADED)
    checked = Counter(q.objective for q in MODULE.knowledge_checks)
    assert {o: graded[o] for o in OBJECTIVES if graded[o] < 2} == {}
    assert [o for o in OBJECTIVES if checked[o] == 0] == []


def test_revised_lessons_name_no_country_of_concern_and_cite_no_denied_source():
    assert country_names_in(learner_files(revised_only=True)) == []
    assert denied_sources_in(reviewer_files(revised_only=True), revised_only=True) == []


def test_revised_objectives_start_with_a_verb_the_assessment_can_check():
    revised = [o for lesson in MODULE.lessons if lesson.pos.file.split("/")[-1].startswith(REVISED_LESSONS)
               for o in lesson.objectives]
    assert [o.id for o in revised if not o.text.startswith(MEASURABLE_VERBS)] == []


def test_no_lesson_teaches_that_other_countries_number_entries_the_eu_way():
    for path in learner_files(revised_only=False) + [WMD_MODULE / "SOURCES.md"]:
        assert "same logic" not in path.read_text(encoding="utf-8"), path.name


def test_every_hs_code_the_module_uses_is_listed_in_sources():
    listed = hs_codes_listed_in((WMD_MODULE / "SOURCES.md").read_text(encoding="utf-8"))
    used = set().union(*(hs_codes_in(f.read_text(encoding="utf-8")) for f in learner_files(revised_only=False)))
    assert used, "the pattern finds the module's codes"
    assert sorted(used - listed) == []


def test_the_hs_pattern_finds_codes_and_ignores_other_numbers():
    table = "## HS codes used here\n\n| Code | Goods |\n|---|---|\n| 84.85, 8485.10 | printers |\n\n## Other\n| 9999 | x |"
    assert hs_codes_listed_in(table) == {"84.85", "8485.10"}
    found = hs_codes_in("declared under HS **8485.20**, heading 88.06, HS 3814 or HS 8457.10. Since HS 2022, 8414.70;"
                        " parts under 88.07.")
    assert found == {"8485.20", "88.06", "3814", "8457.10", "8414.70", "88.07"}
    assert hs_codes_in("under Regulation (EU) 2021/821, OJ L 206, 11.6.2021, version 1.0.0, 1.5 kb, 2024.") == set()


# The whole module: these hold once lessons 05-09 are revised (issue 11, branch h11-content-b). Until then the old
# objectives of those lessons (such as 'o6_act') are still there, and these tests are expected to fail; strict, so a
# pass while the old objectives remain is reported too. After the merge they run as ordinary tests.
PENDING = pytest.mark.xfail("o6_act" in OBJECTIVES, strict=True,
                            reason="lessons 05-09 are revised on the branch h11-content-b")


@PENDING
def test_the_module_has_8_to_12_objectives_1_or_2_per_lesson_each_with_a_checkable_verb():
    assert 8 <= len(OBJECTIVES) <= 12
    assert all(1 <= len(lesson.objectives) <= 2 for lesson in MODULE.lessons)
    assert [o.id for o in OBJECTIVES.values() if not o.text.startswith(MEASURABLE_VERBS)] == []


@PENDING
def test_the_module_names_no_country_of_concern_and_cites_no_denied_source():
    assert country_names_in(learner_files(revised_only=False)) == []
    assert denied_sources_in(reviewer_files(revised_only=False)) == []
