"""The PDF storyboard, read back with pypdf: the same pages and questions as the HTML, page numbers,
a table of contents whose numbers are the pages the headings are on, and identical bytes on every run."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import lxml.html
import pypdf
import pytest

from repo_paths import EXAMPLE_MODULE, WMD_MODULE
from stce_scorm.pipeline import load_and_check
from stce_scorm.storyboard import write_storyboard

pytestmark = pytest.mark.slow  # WeasyPrint renders whole modules: see the `slow` marker in pyproject.toml

PAGE_NUMBER = re.compile(r"(\d+) / (\d+)\s*$")


def squeeze(value: str) -> str:
    """Text without whitespace: PDF text extraction splits and joins words at its own will ("T wo")."""
    return re.sub(r"\s+", "", value)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text in the order it is drawn (poppler's `pdftotext -raw`, a tenth of a second where pypdf's
    extraction took seconds for the WMD storyboard), a contents entry's dotted leader joined back into one run."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\.(?:\n\.)+", lambda dots: dots.group(0).replace("\n", ""), page)
            for page in text.split("\f")[:-1]]  # a form feed ends each page


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """Bookmarks as (level, title, 1-based page)."""
    found: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 1)
    return found


def page_headings(html: Path) -> list[str]:
    doc = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    return [" ".join(h.text_content().split()) for h in doc.xpath("//h3[contains(@class, 'page-title')]")]


class Storyboard:
    def __init__(self, module_dir: Path, out_dir: Path, answers: bool = True):
        self.module = load_and_check(module_dir)[0]
        start = time.perf_counter()
        self.pdf = write_storyboard(module_dir, out_dir, "pdf", answers)
        self.seconds = time.perf_counter() - start
        self.html = write_storyboard(module_dir, out_dir, "html", answers)
        self.reader = pypdf.PdfReader(self.pdf)  # bookmarks and fonts
        self.pages = page_texts(self.pdf)
        assert len(self.pages) == len(self.reader.pages)
        self.text = squeeze("".join(self.pages))


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Storyboard:
    return Storyboard(EXAMPLE_MODULE, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def wmd(tmp_path_factory) -> Storyboard:
    return Storyboard(WMD_MODULE, tmp_path_factory.mktemp("wmd"))


def check_pages_and_questions(board: Storyboard) -> None:
    headings = page_headings(board.html)
    bookmarks = [title for level, title, _ in outline(board.reader) if re.match(r"L\d+-P\d+ ", title)]
    assert len(bookmarks) == len(headings) == sum(len(lesson.pages) for lesson in board.module.lessons)
    assert [squeeze(b) for b in bookmarks] == [squeeze(h) for h in headings]
    for number, lesson in enumerate(board.module.lessons, 1):
        assert squeeze(f"L{number} {lesson.title}") in board.text
        for index, page in enumerate(lesson.pages, 1):
            assert squeeze(f"L{number}-P{index} · {lesson.id}/{page.id} {page.title}") in board.text
    for question in board.module.all_questions():
        assert squeeze(question.id) in board.text, question.id


def check_page_numbers_and_contents(board: Storyboard) -> None:
    total = len(board.pages)
    for number, text in enumerate(board.pages, 1):
        found = PAGE_NUMBER.search(text)
        assert found and found.groups() == (str(number), str(total)), f"page {number}: {text[-80:]!r}"
    # Each contents entry ends with a dotted leader and the page its heading is on, as the bookmarks say.
    bookmarks = outline(board.reader)
    contents = next(page for _, title, page in bookmarks if title == "Contents")
    first_lesson = next(page for _, title, page in bookmarks if re.match(r"L1 ", title))
    listed = dict(re.findall(r"^(L\d+-P\d+)\b.*?\.{5,}\s*(\d+)$",
                             "\n".join(board.pages[contents - 1:first_lesson - 1]), flags=re.M))
    placed = {title.split()[0]: str(page) for _, title, page in bookmarks if re.match(r"L\d+-P\d+ ", title)}
    assert listed == placed


def test_example_pdf_has_every_page_and_question(example: Storyboard):
    check_pages_and_questions(example)
    assert "✓Correctanswer" in example.text


def test_example_pdf_has_page_numbers_and_contents(example: Storyboard):
    check_page_numbers_and_contents(example)
    levels = [(level, title.split(":")[0]) for level, title, _ in outline(example.reader) if level == 1]
    assert levels == [(1, "Contents"), (1, "L1 What dual-use means"), (1, "L2 At the border"),
                      (1, "Assessment"), (1, "Glossary")]


def test_example_pdf_lessons_start_new_pages(example: Storyboard):
    starts = [page for level, title, page in outline(example.reader) if level == 1 and re.match(r"L\d+ ", title)]
    for page in starts:
        assert example.pages[page - 1].lstrip().startswith(f"L{starts.index(page) + 1} ")


def test_example_pdf_is_the_same_bytes_every_run(example: Storyboard, tmp_path: Path):
    again = write_storyboard(EXAMPLE_MODULE, tmp_path, "pdf", answers=True)
    assert again.read_bytes() == example.pdf.read_bytes()
    assert b"/CreationDate" not in again.read_bytes() and b"/ModDate" not in again.read_bytes()


def test_example_pdf_handout(tmp_path: Path, example: Storyboard):
    path = write_storyboard(EXAMPLE_MODULE, tmp_path, "pdf", answers=False)
    assert path.name == "dual_use_basics-1.0.0-en-storyboard-handout.pdf"
    text = squeeze("".join(page_texts(path)))
    assert "Correctanswer" not in text and "✓" not in text and "Whencorrect" not in text
    for question in example.module.all_questions():
        assert squeeze(question.id) in text


def test_wmd_module_html_and_pdf(wmd: Storyboard):
    check_pages_and_questions(wmd)
    check_page_numbers_and_contents(wmd)
    doc = lxml.html.fromstring(wmd.html.read_text(encoding="utf-8"))
    assert len(doc.xpath("//section[@data-question]//*[contains(@class, 'answer-mark')]")) >= len(
        wmd.module.all_questions())
    for question in wmd.module.all_questions():
        assert len(doc.xpath(f"//section[@data-question='{question.id}']")) == 1, question.id
    assert all(img.getnext().get("class") == "alt-text" for img in doc.xpath("//img"))
    print(f"\nWMD storyboard PDF: {len(wmd.pages)} pages in {wmd.seconds:.1f} s")


def test_running_header_is_a_clean_label_in_the_body_font(example: Storyboard):
    """The header names the section without the ids printed beside its heading, in the sans face of the text."""
    assessment = example.module.assessments[0]
    header_lines = {page.splitlines()[-2] for page in example.pages[2:]}
    assert f"Dual-use goods at the border Assessment: {assessment.title}" in header_lines
    assert not any(line.endswith(f"{assessment.title} {assessment.id}") for line in header_lines)
    fonts = {font.get_object()["/BaseFont"].split("+")[-1] for page in example.reader.pages
             for font in page["/Resources"].get("/Font", {}).values()}
    assert fonts and all(font.startswith("DejaVu-Sans") for font in fonts), fonts
