"""Document-inspection questions: every entry can be found, selected, scored and reported.

The selectable ids ('inv.seller') are what the LMS receives as a choice interaction's response, so
besides the answer key they must fit what SCORM keeps: at most 36 answers in a 2004 response, and
at most 255 characters in a 1.2 one (Moodle in standards mode) even if the learner selects every entry.
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error
from stce_scorm.source.models import DocumentInspection, Module

MAX_ENTRIES = 36  # SCORM 2004: a choice response holds at most 36 answers (Moodle answers 351 beyond)
MAX_RESPONSE_CHARS = 255  # SCORM 1.2: student_response is a CMIString256


def check_documents(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    for question in module.all_questions():
        if isinstance(question, DocumentInspection):
            problems += _structure(question)
            problems += _answer_key(question)
            problems += _response_size(question, "1.2" in module.config.scorm)
    return problems


def _structure(question: DocumentInspection) -> list[Problem]:
    problems: list[Problem] = []
    seen_documents: set[str] = set()
    for index, document in enumerate(question.documents):
        if document.id in seen_documents:
            problems.append(error(question.field_pos("documents", index),
                                  f"question '{question.id}' has two documents with id '{document.id}'",
                                  "give each document its own short id, e.g. 'inv', 'awb'", "id"))
        seen_documents.add(document.id)
        rows = document.lines.rows if document.lines else []
        if not document.fields and not rows:
            problems.append(error(document.pos, f"document '{document.id}' has no entries",
                                  "add 'fields' (label/value pairs) or 'lines' (a table of goods lines)"))
        seen_items: set[str] = set()
        for item in [*document.fields, *rows]:
            if item.id in seen_items:
                problems.append(error(item.field_pos("id"),
                                      f"document '{document.id}' has two entries with id '{item.id}'",
                                      "fields and rows of one document share ids: give each its own", "id"))
            seen_items.add(item.id)
        for row in rows:
            columns = len(document.lines.columns)
            if len(row.cells) != columns:
                problems.append(error(row.field_pos("cells"),
                                      f"row '{row.id}' has {len(row.cells)} cells but the table has {columns} columns",
                                      f"write one cell per column: {', '.join(document.lines.columns)}", "cells"))
    return problems


def _answer_key(question: DocumentInspection) -> list[Problem]:
    problems: list[Problem] = []
    entries = question.entries()
    shown = ", ".join(entries[:8]) + (", ..." if len(entries) > 8 else "")
    for index, key in enumerate(question.correct):
        if key not in entries:
            problems.append(error(question.field_pos("correct", index),
                                  f"answer key '{key}' is not an entry of the documents",
                                  f"write '<document id>.<field or row id>', one of: {shown}", "correct"))
    listed: set[str] = set()
    for index, key in enumerate(question.correct):
        if key in listed:
            problems.append(error(question.field_pos("correct", index), f"answer key '{key}' is listed twice",
                                  "list it once", "correct"))
        listed.add(key)
    if entries and set(entries) <= listed:
        problems.append(error(question.field_pos("correct"),
                              f"every entry of question '{question.id}' is in its answer key",
                              "a learner could select everything without reading: leave at least one entry "
                              "that fits (most should)", "correct"))
    return problems


def _response_size(question: DocumentInspection, builds_12: bool) -> list[Problem]:
    entries = question.entries()
    if len(entries) > MAX_ENTRIES:
        return [error(question.field_pos("documents"),
                      f"question '{question.id}' has {len(entries)} selectable entries; SCORM reports at most "
                      f"{MAX_ENTRIES}", "show fewer entries, or split the documents into two questions", "documents")]
    length = len(",".join(entries))
    if builds_12 and length > MAX_RESPONSE_CHARS:
        return [error(question.field_pos("documents"),
                      f"the ids of question '{question.id}' take {length} characters when a learner selects every "
                      f"entry; SCORM 1.2 keeps {MAX_RESPONSE_CHARS}",
                      "use shorter document, field and row ids (e.g. 'inv', 'sel', 'l1'), or fewer entries",
                      "documents")]
    return []
