"""Author Markdown to safe HTML.

The renderer adds the markup of the designer's blocks (callouts, figures, accordions, tabs,
glossary links), then everything passes through the sanitiser. Knowledge checks leave a
placeholder that the page renderer fills from a template after sanitising, because their
markup is ours, not the author's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from functools import lru_cache
from html import escape
from collections.abc import Callable

from markdown_it.renderer import RendererHTML

from stce_scorm.content.sanitize import sanitize
from stce_scorm.source.markdown import block_argument, parsed, parser
from stce_scorm.source.models import Term

CHECK_PLACEHOLDER = re.compile(r'<div[^>]*data-check="([a-z0-9_]+)"[^>]*>\s*</div>')
TABLE_REGION = '<div class="table-scroll" data-block="table"'
BLOCK_TAGS = re.compile(r"<(p|div|ul|ol|dl|table|pre|blockquote|figure|h[1-6]|hr|details|aside|section)\b")
# Images this wide, and every diagram (SVG), get a link to open them full size: their text is tiny on a phone.
FULL_SIZE_WIDTH = 960


@dataclass
class RenderContext:
    """What Markdown rendering needs to know about the rest of the module."""

    terms: dict[str, Term] = field(default_factory=dict)  # lower-case term, alias or id -> term
    media: dict[str, MediaRef] = field(default_factory=dict)  # author path -> packaged file
    labels: dict[str, Any] = field(default_factory=dict)  # UI words: note, tip, warning (a theme locale)
    # (text, inline) -> HTML. The same prompt, option or feedback is rendered for every SCORM version and
    # in several templates; its HTML depends only on the text and this context, so it is made once.
    rendered: dict[tuple[str, bool], str] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class MediaRef:
    path: str  # path inside the package
    width: int | None = None
    height: int | None = None


_previous: list[RenderContext] = []  # the last context `shared_context` made, for the next build in this process


def shared_context(terms: dict[str, Term], media: dict[str, MediaRef], labels: dict[str, Any]) -> RenderContext:
    """A render context that keeps the HTML rendered in the previous one when nothing it depends on changed:
    `preview` rebuilds after every save, and most snippets are the same as a second before."""
    context = RenderContext(terms=terms, media=media, labels=labels)
    if _previous and _previous[0] == context:
        context.rendered = _previous[0].rendered
    _previous[:] = [context]
    return context


def term_key(name: str) -> str:
    """How glossary names compare: without letter case, and with one Unicode form (an 'é' typed on a
    Mac and one typed on Windows can be different code points that look the same)."""
    return unicodedata.normalize("NFC", name).casefold()


def term_index(terms: list[Term]) -> dict[str, Term]:
    """Every way an author may name a glossary term, by `term_key`."""
    index: dict[str, Term] = {}
    for term in terms:
        for name in (term.id, term.term, *term.aliases):
            index.setdefault(term_key(name), term)
    return index


def render_markdown(text: str, context: RenderContext, render_check: Callable[[str], str] | None = None,
                    inline: bool = False) -> str:
    """Render author Markdown to sanitised HTML; `inline` drops the paragraph around one-line text."""
    if render_check is None:
        key = (text, inline)
        if key not in context.rendered:
            context.rendered[key] = _render(text, context, None, inline)
        return context.rendered[key]
    return _render(text, context, render_check, inline)


def _render(text: str, context: RenderContext, render_check: Callable[[str], str] | None, inline: bool) -> str:
    html = _html_renderer().render(parsed(text), parser().options, {"context": context})
    html = sanitize(html)
    if inline:
        html = re.sub(r"^<p>(.*)</p>\s*$", r"\1", html.strip(), flags=re.S)
    # A table's scroll region must take keyboard focus (WCAG 2.1.1); the sanitiser lets no author set tabindex,
    # so it is added to our own wrapper after cleaning.
    html = html.replace(TABLE_REGION, TABLE_REGION + ' tabindex="0"')
    if render_check is not None:
        html = CHECK_PLACEHOLDER.sub(lambda m: render_check(m.group(1)), html)
    return html


def is_phrasing(html: str) -> bool:
    """True when rendered HTML holds no block element, so it may sit in a <legend> or a <label>."""
    return BLOCK_TAGS.search(html) is None


@lru_cache(maxsize=1)
def _html_renderer() -> RendererHTML:
    """markdown-it's HTML renderer with our rules for blocks, images, links and glossary terms."""
    renderer = RendererHTML(parser())
    for name, rule in _RULES.items():
        renderer.rules[name] = rule.__get__(renderer)
    return renderer


def _callout(kind: str):
    def open_(self, tokens, idx, options, env):
        labels = env["context"].labels
        title = block_argument(tokens[idx]) or labels.get(kind, kind.title())
        return (f'<aside class="callout callout-{kind}" role="note">'
                f'<p class="callout-title">{escape(title)}</p>\n')
    return open_


def _close(markup: str):
    return lambda self, tokens, idx, options, env: markup


def _figure_open(self, tokens, idx, options, env):
    # The image's paragraph is hidden and the caption marked when the text is parsed (source/markdown.py).
    return '<figure class="figure">\n'


def _figure_close(self, tokens, idx, options, env):
    return ("</figcaption>\n" if tokens[idx].meta.get("close_caption") else "") + "</figure>\n"


def _paragraph_open(self, tokens, idx, options, env):
    prefix = "<figcaption>" if tokens[idx].meta.get("open_caption") else ""
    return prefix + self.renderToken(tokens, idx, options, env)


def _panel_open(self, tokens, idx, options, env):
    return (f'<details class="panel"><summary>{escape(block_argument(tokens[idx]))}</summary>'
            f'<div class="panel-body">\n')


def _tab_open(self, tokens, idx, options, env):
    return (f'<section class="tab" data-block="tab"><h2 class="tab-title">'
            f'{escape(block_argument(tokens[idx]))}</h2>\n')


def _check_open(self, tokens, idx, options, env):
    return f'<div class="knowledge-check" data-check="{escape(block_argument(tokens[idx]))}">'


def _glossary_ref(self, tokens, idx, options, env):
    meta = tokens[idx].meta
    term = env["context"].terms.get(term_key(meta["term"]))
    text = escape(meta["text"])
    if term is None:  # the checker reports it; render the plain text
        return text
    return f'<a class="glossary-term" href="#glossary-{term.id}" data-term="{term.id}">{text}</a>'


def _image(self, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    ref = env["context"].media.get(src)
    size = f' width="{ref.width}" height="{ref.height}"' if ref and ref.width else ""
    path = ref.path if ref else src
    image = f'<img src="{escape(path)}" alt="{escape(alt)}"{size} loading="lazy" decoding="async">'
    if ref is None or not (path.endswith(".svg") or (ref.width or 0) >= FULL_SIZE_WIDTH):
        return image
    label = env["context"].labels.get("open_full_size", "Open full size")
    return f'{image}<a class="image-full" href="{escape(path)}" target="_blank">{escape(label)}</a>'


def _table_open(self, tokens, idx, options, env):
    # The region's name is the table's column headings: unique on the page, and it says what the table holds.
    headings, i = [], idx + 1
    while i < len(tokens) and tokens[i].type != "thead_close":
        if tokens[i].type == "inline":
            headings.append(self.renderInlineAsText(tokens[i].children or [], options, env).strip())
        i += 1
    label = env["context"].labels.get("table", "Table")
    name = f"{label}: {', '.join(h for h in headings if h)}" if any(headings) else label
    return f'{TABLE_REGION} role="region" aria-label="{escape(name)}">\n<table>\n'


def _link_open(self, tokens, idx, options, env):
    # On a copy: the parsed tokens are shared with the checks, which must see the author's href.
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    attrs = dict(token.attrs)
    ref = env["context"].media.get(href)
    if ref is not None:
        attrs["href"] = ref.path
    if href.startswith(("http://", "https://", "//")) or ref is not None:
        attrs["target"] = "_blank"  # a reference must not navigate the LMS frame away
    return self.renderToken([token.copy(attrs=attrs)], 0, options, env)


_RULES = {
    "container_note_open": _callout("note"),
    "container_tip_open": _callout("tip"),
    "container_warning_open": _callout("warning"),
    **{f"container_{k}_close": _close("</aside>\n") for k in ("note", "tip", "warning")},
    "container_figure_open": _figure_open,
    "container_figure_close": _figure_close,
    "paragraph_open": _paragraph_open,
    "container_accordion_open": _close('<div class="accordion" data-block="accordion">\n'),
    "container_accordion_close": _close("</div>\n"),
    "container_panel_open": _panel_open,
    "container_panel_close": _close("</div></details>\n"),
    "container_tabs_open": _close('<div class="tabs" data-block="tabs">\n'),
    "container_tabs_close": _close("</div>\n"),
    "container_tab_open": _tab_open,
    "container_tab_close": _close("</section>\n"),
    "container_check_open": _check_open,
    "container_check_close": _close("</div>\n"),
    "glossary_ref": _glossary_ref,
    "image": _image,
    "table_open": _table_open,
    "table_close": _close("</table>\n</div>\n"),
    "link_open": _link_open,
}
