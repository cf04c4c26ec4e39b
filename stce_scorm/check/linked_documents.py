"""Documents a lesson links to are opened by the learner's browser: none may carry active content.

An SVG opened on its own runs its scripts in the LMS's origin, so a linked SVG passes the same check
as an embedded one. HTML, XML and other web pages are refused outright (they are pages, not
documents: the link list in check/assets.py does not include them). A PDF may carry JavaScript,
launch actions, embedded files or forms that submit data; PDF viewers differ in what they run, so a
PDF with any of them is refused.
"""

from __future__ import annotations

from pathlib import Path

from stce_scorm.errors import Problem, SourcePos, error

# PDF names that start actions or carry other files: what a job aid never needs.
ACTIVE_PDF_NAMES = frozenset({"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/XFA",
                              "/RichMedia", "/SubmitForm", "/ImportData", "/OpenAction", "/AA", "/GoToE"})
MAX_PDF_OBJECTS = 200_000  # a bound on the walk: a 500-page manual holds ~20,000 objects
PDF_FIX = "export the PDF again without scripts, forms or attachments (e.g. 'Print to PDF')"


def pdf_problems(path: Path, pos: SourcePos) -> list[Problem]:
    """A problem if the PDF at `path` cannot be read or contains active content."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return [error(pos, "the PDF is encrypted, so it cannot be checked", PDF_FIX)]
        found = _active_name(reader.trailer)
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        return [error(pos, f"the PDF cannot be read ({exc})", PDF_FIX)]
    if found:
        return [error(pos, f"the PDF contains active content ({found})", PDF_FIX)]
    return []


def _active_name(trailer) -> str:
    """The first active-content name reachable from the trailer, or ''."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack = [trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return f"more than {MAX_PDF_OBJECTS:,} objects"
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in ACTIVE_PDF_NAMES:
                    return name
                if name == "/S" and isinstance(value, NameObject) and value in ACTIVE_PDF_NAMES:
                    return str(value)
                if name not in ("/Parent", "/P"):  # back-links: the walk reaches those objects anyway
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return ""
