"""Document-inspection questions: every entry can be found, selected, scored and reported.

The selectable ids ('inv.seller') are what the LMS receives as a choice interaction's response, so
besides the answer key they must fit what each target to build keeps (its `choice_limit` answers,
its `response_limit` characters), even if the learner selects every entry.
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error
from stce_scorm.source.models import DocumentField, DocumentInspection, DocumentRow, Module
from stce_scorm.targets import Target, target_for


def check_documents(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    for question in module.all_questions():
        if isinstance(question, DocumentInspection):
            problems += _structure(question)
            problems += _answer_key(question)
            problems += _response_size(question, [target_for(name) for name in module.config.scorm])
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
        entries: list[DocumentField | DocumentRow] = [*document.fields, *rows]
        for item in entries:
            if item.id in seen_items:
                problems.append(error(item.field_pos("id"),
                                      f"document '{document.id}' has two entries with id '{item.id}'",
                                      "fields and rows of one document share ids: give each its own", "id"))
            seen_items.add(item.id)
        column_names = document.lines.columns if document.lines else []
        for row in rows:
            columns = len(column_names)
            if len(row.cells) != columns:
                problems.append(error(row.field_pos("cells"),
                                      f"row '{row.id}' has {len(row.cells)} cells but the table has {columns} columns",
                                      f"write one cell per column: {', '.join(column_names)}", "cells"))
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


def _response_size(question: DocumentInspection, targets: list[Target]) -> list[Problem]:
    entries = question.entries()
    for target in targets:
        if target.choice_limit is not None and len(entries) > target.choice_limit:
            return [error(question.field_pos("documents"),
                          f"question '{question.id}' has {len(entries)} selectable entries; SCORM reports at most "
                          f"{target.choice_limit}", "show fewer entries, or split the documents into two questions",
                          "documents")]
    for target in targets:
        length = len(target.data_model.item.join(entries))
        if target.response_limit is not None and length > target.response_limit:
            return [error(question.field_pos("documents"),
                          f"the ids of question '{question.id}' take {length} characters when a learner selects every "
                          f"entry; {target.label} keeps {target.response_limit}",
                          "use shorter document, field and row ids (e.g. 'inv', 'sel', 'l1'), or fewer entries",
                          "documents")]
    return []
