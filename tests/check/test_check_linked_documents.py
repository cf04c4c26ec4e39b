"""Linked PDFs: plain documents pass, active content does not (issue 9.1)."""

from pathlib import Path

from pypdf import PdfWriter

from stce_scorm.check.linked_documents import pdf_problems
from stce_scorm.errors import SourcePos


def write_pdf(path: Path, action: str | None = None) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Job aid"})
    if action == "launch":
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def test_a_plain_pdf_passes(tmp_path: Path):
    assert pdf_problems(write_pdf(tmp_path / "aid.pdf"), SourcePos("media/aid.pdf")) == []


def test_a_launch_action_is_refused(tmp_path: Path):
    [problem] = pdf_problems(write_pdf(tmp_path / "aid.pdf", "launch"), SourcePos("media/aid.pdf"))
    assert problem.message == "the PDF contains active content (/OpenAction)"


def test_a_file_that_is_not_a_pdf_is_an_error_not_a_traceback(tmp_path: Path):
    path = tmp_path / "aid.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really\n")
    [problem] = pdf_problems(path, SourcePos("media/aid.pdf"))
    assert problem.message.startswith("the PDF cannot be read")
