"""The storyboard as PDF, through WeasyPrint: page numbers, a table of contents with page numbers,
and bookmarks for lessons and pages, all from the print rules in storyboard.css.

Repeated runs give identical bytes: WeasyPrint writes a creation date only when the document names
one (ours does not), and the file identifier is derived from what the document is, not drawn at random.
"""

from __future__ import annotations

import hashlib

from stce_scorm.source.models import ModuleConfig


def pdf_bytes(html: str, config: ModuleConfig, answers: bool) -> bytes:
    """Lay out the storyboard HTML on A4 pages and return the PDF."""
    identity = f"{config.id}\n{config.version}\n{config.language}\n{'answers' if answers else 'handout'}"
    return document_pdf(html, identity)


def document_pdf(html: str, identity: str) -> bytes:
    """Lay out a self-contained HTML document on the pages its CSS asks for; the PDF's identifier
    derives from `identity` (what the document is), so repeated runs give identical bytes."""
    import weasyprint

    # Every resource is inlined, so there is no base URL: nothing outside the document is fetched.
    identifier = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_identifier=identifier)
