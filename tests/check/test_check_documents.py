"""Document-inspection questions: each authoring mistake yields an error at its file and line, all in one run.
Each test breaks a copy of the fixture module tests/fixtures/document_inspection."""

import pytest

from stce_scorm.check import check_module
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import DocumentInspection
from stce_scorm.source.schema import json_schemas

KC = "quizzes/knowledge-checks.yaml"


@pytest.fixture
def inspection(module_copy):
    """A fresh copy of the fixture whose one knowledge check is a document inspection (invoice and air waybill)."""
    return module_copy("document_inspection")


def errors_of(copy) -> list[str]:
    module, problems = load_module(copy.path)
    assert module is not None, problems
    assert not problems, problems
    return [str(p) for p in check_module(module) if p.severity == "error"]


def load_errors(copy) -> list[str]:
    """Errors the loader reports (schema violations): the module does not load."""
    _, problems = load_module(copy.path)
    assert problems
    return [str(p) for p in problems]


def the_question(copy) -> DocumentInspection:
    module, _ = load_module(copy.path)
    return next(q for q in module.knowledge_checks if isinstance(q, DocumentInspection))


def test_the_fixture_question_is_valid_and_lists_its_entries_in_reading_order(inspection):
    assert errors_of(inspection) == []
    assert the_question(inspection).entries() == [
        "inv.seller", "inv.buyer", "inv.terms", "inv.l1", "inv.l2",
        "awb.shipper", "awb.consignee", "awb.routing", "awb.pieces"]


def test_duplicate_document_and_entry_ids_each_point_at_their_line(inspection):
    inspection.edit(KC, "      - id: awb\n", "      - id: inv\n")
    inspection.edit(KC, "          - id: terms\n", "          - id: seller\n")
    inspection.edit(KC, "            - id: l2\n", "            - id: l1\n")
    errors = errors_of(inspection)
    document_line = inspection.line_of(KC, "kind: air_waybill") - 1
    assert any(f"{KC}:{document_line}:" in e and "two documents with id 'inv'" in e for e in errors), errors
    field_line = inspection.line_of(KC, "label: Delivery terms") - 1
    assert any(f"{KC}:{field_line}:" in e and "document 'inv' has two entries with id 'seller'" in e
               for e in errors), errors
    row_line = inspection.line_of(KC, '"Pipe fittings, steel"') - 1
    assert any(f"{KC}:{row_line}:" in e and "two entries with id 'l1'" in e for e in errors), errors


def test_a_row_needs_one_cell_per_column(inspection):
    inspection.edit(KC, '["Pipe fittings, steel", "7307.99", "1 case", "USD 1,200"]', '["Pipe fittings", "7307.99"]')
    [error] = errors_of(inspection)
    assert f"{KC}:{inspection.line_of(KC, 'Pipe fittings')}:" in error
    assert "error: cells: row 'l2' has 2 cells but the table has 4 columns" in error
    assert "(hint: write one cell per column: Description, HS code, Quantity, Value)" in error


def test_answer_keys_must_name_existing_entries_once(inspection):
    inspection.edit(KC, "correct: [inv.l1, awb.routing]", "correct: [inv.l1, awb.route, inv.l1]")
    errors = errors_of(inspection)
    line = inspection.line_of(KC, "awb.route")
    assert any(f"{KC}:{line}:" in e and "answer key 'awb.route' is not an entry of the documents" in e
               and "inv.seller" in e for e in errors), errors
    assert any(f"{KC}:{line}:" in e and "answer key 'inv.l1' is listed twice" in e for e in errors), errors


def test_an_answer_key_in_another_form_says_which_form(inspection):
    inspection.edit(KC, "correct: [inv.l1, awb.routing]", "correct: [l1, awb.routing]")
    [error] = errors_of(inspection)
    assert f"{KC}:{inspection.line_of(KC, 'correct: [l1')}:" in error
    assert "answer key 'l1' is not an entry of the documents (hint: write '<document id>.<field or row id>'" in error


def test_at_least_one_entry_must_fit(inspection):
    every = ", ".join(the_question(inspection).entries())
    inspection.edit(KC, "correct: [inv.l1, awb.routing]", f"correct: [{every}]")
    [error] = errors_of(inspection)
    assert f"{KC}:{inspection.line_of(KC, 'correct: [inv.seller')}:" in error
    assert "every entry of question 'kc_documents' is in its answer key" in error


def test_a_document_without_entries(inspection):
    text = (inspection.path / KC).read_text(encoding="utf-8")
    start = text.index("        fields:\n          - id: shipper")
    inspection.edit(KC, text[start:text.index("    correct: [inv.l1", start)], "")
    inspection.edit(KC, "correct: [inv.l1, awb.routing]", "correct: [inv.l1]")
    [error] = errors_of(inspection)
    assert f"{KC}:{inspection.line_of(KC, '- id: awb')}:" in error and "document 'awb' has no entries" in error


def test_more_entries_than_a_scorm_response_holds(inspection):
    rows = "".join(f'            - {{id: x{n}, cells: ["Item {n}", "0000.00", "1", "USD 1"]}}\n' for n in range(30))
    inspection.edit(KC, "            - id: l2\n", rows + "            - id: l2\n")
    [error] = errors_of(inspection)
    assert f"{KC}:{inspection.line_of(KC, '    documents:')}:" in error
    assert "has 39 selectable entries; SCORM reports at most 36" in error


def test_long_ids_that_would_overflow_a_scorm_12_response(inspection):
    long = "a_rather_long_id"
    for short in ("seller", "buyer", "terms", "shipper", "consignee", "pieces"):
        inspection.edit(KC, f"- id: {short}\n", f"- id: {short[:4]}_{long[:11]}\n")
    inspection.edit(KC, "      - id: inv\n", f"      - id: {long}\n")
    inspection.edit(KC, "      - id: awb\n", f"      - id: {long[:-1]}2\n")
    inspection.edit(KC, "correct: [inv.l1, awb.routing]", f"correct: [{long}.l1, {long[:-1]}2.routing]")
    [error] = errors_of(inspection)
    assert "characters when a learner selects every entry; SCORM 1.2 keeps 255" in error
    inspection.edit("module.yaml", "scorm: [1.2, 2004]", "scorm: [2004]")
    assert errors_of(inspection) == []  # SCORM 2004 keeps longer responses


def test_values_must_be_text_as_printed(inspection):
    inspection.edit(KC, '"8479.89"', "8479.89")
    [error] = load_errors(inspection)
    assert f"{KC}:{inspection.line_of(KC, '8479.89')}:" in error
    assert "put quotes around values YAML reads as numbers or dates" in error


def test_unknown_key_in_a_document_entry(inspection):
    inspection.edit(KC, "            finding: Three transit hubs", "            findings: Three transit hubs")
    [error] = load_errors(inspection)
    assert f"{KC}:{inspection.line_of(KC, 'findings:')}:" in error and "unknown key 'findings'" in error
    assert "did you mean 'finding'?" in error


def test_raw_html_in_a_finding_is_an_error(inspection):
    inspection.edit(KC, "finding: Three transit hubs for a trip that needs none. This is an odd route.",
                      'finding: An odd route. <script>alert(1)</script>')
    errors = errors_of(inspection)
    assert errors and all(f"{KC}:{inspection.line_of(KC, '<script>')}:" in e for e in errors), errors
    assert any("question 'kc_documents'" in e for e in errors), errors


def test_the_editor_schema_describes_the_new_type():
    schema = json_schemas()["questions"]
    definitions = schema["$defs"]
    assert definitions["DocumentInspection"]["properties"]["type"]["const"] == "document_inspection"
    assert definitions["DocumentField"]["properties"]["value"]["description"].startswith("Plain text as printed")
    for model in ("InspectionDocument", "DocumentField", "DocumentRow", "DocumentLines"):
        assert all("description" in p for p in definitions[model]["properties"].values()), model
    assert "description" in definitions["DocumentInspection"]["properties"]["documents"]
    kinds = definitions["InspectionDocument"]["properties"]["kind"]["enum"]
    assert kinds == ["commercial_invoice", "packing_list", "air_waybill", "bill_of_lading", "export_declaration",
                     "end_user_certificate", "licence", "letter"]


def test_a_huge_document_is_refused_before_anything_is_rendered(inspection):
    inspection.edit(KC, "value: FCA Northport Airport", "value: " + "x" * 301)
    inspection.edit(KC, "columns: [Description, HS code, Quantity, Value]",
                      "columns: [" + ", ".join(f"c{n}" for n in range(9)) + "]")
    errors = load_errors(inspection)
    assert any(f"{KC}:{inspection.line_of(KC, 'x' * 301)}:" in e and "at most 300" in e
               for e in errors), errors
    assert any(f"{KC}:{inspection.line_of(KC, 'columns: [c0')}:" in e and "at most 8 " in e
               for e in errors), errors


def test_a_column_heading_is_short(inspection):
    inspection.edit(KC, "columns: [Description, HS code,", "columns: [" + "y" * 81 + ", HS code,")
    [error] = load_errors(inspection)
    assert f"{KC}:{inspection.line_of(KC, 'y' * 81)}:" in error and "at most 80" in error
