"""Ids and cross-references: everything an id names must exist, and each id must be unique."""

from __future__ import annotations

from stce_scorm.errors import Problem, SourcePos, error, warning
from stce_scorm.content.markdown_html import term_index, term_key
from stce_scorm.source.models import Module, Scenario
from stce_scorm.source.texts import module_texts, tokens


def check_references(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    problems += _unique_ids(module)
    objectives = {o.id for lesson in module.lessons for o in lesson.objectives}
    for question in module.all_questions():
        if question.objective and question.objective not in objectives:
            problems.append(error(question.field_pos("objective"),
                                  f"objective '{question.objective}' is not defined in any lesson",
                                  _suggest(question.objective, objectives, "add it to a lesson's objectives"),
                                  "objective"))
    for lesson in module.lessons:
        page_ids = {page.id for page in lesson.pages}
        for page_id in lesson.key_points:
            if page_id not in page_ids:
                problems.append(error(lesson.field_pos("key_points", page_id),
                                      f"names page '{page_id}', which lesson '{lesson.id}' does not have",
                                      _suggest(page_id, page_ids, "use the id of one of the lesson's pages"),
                                      "key_points"))
    checks = {q.id for q in module.knowledge_checks}
    used_checks: set[str] = set()
    terms = term_index(module.glossary)
    for text in module_texts(module):
        for item in tokens(text):
            token = item.token
            if token.type == "container_check_open":
                question_id = token.info.strip().partition(" ")[2].strip()
                if question_id in checks:
                    used_checks.add(question_id)
                elif question_id:
                    problems.append(error(item.pos, f"knowledge check '{question_id}' is not defined",
                                          _suggest(question_id, checks,
                                                   "add it to a file listed under 'knowledge_checks' in module.yaml")))
            elif token.type == "glossary_ref" and term_key(token.meta["term"]) not in terms:
                if not module.glossary:
                    hint = "add a glossary file to module.yaml ('glossary: glossary.yaml') and define the term"
                else:
                    hint = _suggest(term_key(token.meta["term"]), set(terms), "define it in the glossary, or fix the spelling")
                problems.append(error(item.pos, f"glossary term '{token.meta['term']}' is not defined", hint))
    for question in module.knowledge_checks:
        if question.id not in used_checks:
            problems.append(warning(question.pos, f"knowledge check '{question.id}' is not used in any lesson",
                                    f"add '::: check {question.id}' to a page, or delete the question"))
    if module.config.tracking.completed_when != "pages_viewed" and not module.assessments:
        problems.append(error(module.config.tracking.field_pos("completed_when"),
                              f"completed_when is '{module.config.tracking.completed_when}' but the module has no assessment",
                              "add an assessment file under 'assessments', or use 'completed_when: pages_viewed'",
                              "tracking.completed_when"))
    return problems


def _unique_ids(module: Module) -> list[Problem]:
    """Lesson, objective, question, pool, assessment and glossary ids are unique module-wide."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, SourcePos]] = {}

    def claim(kind: str, ident: str, pos: SourcePos) -> None:
        if ident in seen:
            other_kind, other = seen[ident]
            problems.append(error(pos, f"{kind} id '{ident}' is already used by a {other_kind} at {other}",
                                  "give each lesson, objective, question, pool and term its own id"))
        else:
            seen[ident] = (kind, pos)

    for lesson in module.lessons:
        claim("lesson", lesson.id, lesson.field_pos("id"))
        for objective in lesson.objectives:
            claim("objective", objective.id, objective.field_pos("id"))
    for assessment in module.assessments:
        claim("assessment", assessment.id, assessment.field_pos("id"))
        for pool in assessment.pools:
            claim("pool", pool.id, pool.field_pos("id"))
            for question in pool.questions:
                if isinstance(question, Scenario):
                    claim("scenario", question.id, question.field_pos("id"))
    for question in module.all_questions():
        claim("question", question.id, question.field_pos("id"))
    terms: dict[str, SourcePos] = {}
    for term in module.glossary:
        claim("glossary term", term.id, term.field_pos("id"))
        for name in (term.term, *term.aliases):
            key = term_key(name)
            if key in terms and terms[key] != term.pos:
                problems.append(error(term.field_pos("term"), f"glossary name '{name}' is used by two terms",
                                      f"the other is at {terms[key]}; each name must lead to one term"))
            terms[key] = term.pos
    return problems


def _suggest(name: str, known: set[str], otherwise: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise
