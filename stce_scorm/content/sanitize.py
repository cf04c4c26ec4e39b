"""The one HTML policy: what author content may contain once it reaches the learner's page.

The renderer cleans with it (nh3), and the checker reports author HTML that it would strip,
so an author learns at build time, with a line number, instead of finding content missing.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import nh3

GLOBAL_ATTRIBUTES = {"class", "id", "lang", "dir", "title", "role", "aria-label", "aria-hidden"}

ALLOWED_TAGS: dict[str, set[str]] = {
    **{tag: set() for tag in (
        "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "code", "kbd", "samp", "pre", "blockquote", "cite", "q", "abbr", "dfn", "span", "div", "bdi",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "figure", "figcaption",
        "details", "summary", "aside", "section",
    )},
    "a": {"href", "target", "data-term"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start", "type"},
    "section": {"data-block"},
    "div": {"data-block", "data-check"},
}

URL_SCHEMES = {"https", "http", "mailto"}
# Our own markup for blocks carries these; in author HTML they would make the renderer look for a
# knowledge check or block that is not there.
RESERVED_ATTRIBUTES = {"data-check", "data-block", "data-term"}
REMOVED_WITH_CONTENT = {"script", "style"}


def sanitize(html: str) -> str:
    """Clean rendered author HTML so nothing executable reaches the LMS page."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"*": GLOBAL_ATTRIBUTES, **ALLOWED_TAGS},
        url_schemes=URL_SCHEMES,
        clean_content_tags=REMOVED_WITH_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values={},
        filter_style_properties={"text-align"},
    )


def html_violations(fragment: str) -> list[tuple[int, str, str]]:
    """What the sanitiser would remove from a raw HTML fragment: (line offset, what, hint)."""
    finder = _ViolationFinder()
    finder.feed(fragment)
    finder.close()
    return finder.found


def html_ids(fragment: str) -> list[tuple[int, str]]:
    """Every `id` attribute in a raw HTML fragment: (line offset, id)."""
    finder = _AttributeFinder("id")
    finder.feed(fragment)
    finder.close()
    return finder.found


def html_links(fragment: str) -> list[tuple[int, str]]:
    """Every `href` in a raw HTML fragment: (line offset, href)."""
    finder = _AttributeFinder("href")
    finder.feed(fragment)
    finder.close()
    return finder.found


class _AttributeFinder(HTMLParser):
    def __init__(self, attribute: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attribute = attribute
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(self.getpos()[0] - 1, value.strip()) for name, value in attrs
                       if name == self.attribute and value]


class _ViolationFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []

    def _report(self, what: str, hint: str) -> None:
        self.found.append((self.getpos()[0] - 1, what, hint))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            content = " and its content" if tag in REMOVED_WITH_CONTENT else ""
            self._report(f"<{tag}> is removed by the sanitiser{content}",
                         "use Markdown or one of the ':::' blocks; scripts, forms and frames are never allowed")
            return
        allowed = ALLOWED_TAGS[tag] | GLOBAL_ATTRIBUTES
        for name, value in attrs:
            if name in RESERVED_ATTRIBUTES:
                self._report(f"attribute '{name}' on <{tag}> is reserved for the ':::' blocks",
                             "write the block in Markdown, e.g. '::: check question_id' and ':::'")
            elif name not in allowed:
                self._report(f"attribute '{name}' on <{tag}> is removed by the sanitiser",
                             "remove it" + ("; event handlers never run in packages" if name.startswith("on") else ""))
            elif name in ("href", "src") and value and ":" in value.split("/")[0]:
                scheme = value.split(":", 1)[0].lower()
                if scheme not in URL_SCHEMES:
                    self._report(f"'{scheme}:' link on <{tag}> is removed by the sanitiser",
                                 "link to an https:// address or to a file in media/")

    def handle_comment(self, data: str) -> None:
        self._report("HTML comments are removed from the package", "delete the comment, or keep notes outside lessons")


ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal"}


def active_content(html: str) -> Counter:
    """What in a whole page can run code or send the learner elsewhere: scripts (with their content),
    frames, plugins, <base>, forms, <meta http-equiv>, event handlers and javascript: URLs."""
    finder = _ActiveFinder()
    finder.feed(html)
    finder.close()
    return finder.found


class _ActiveFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter = Counter()
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = " ".join(f'{name}="{value}"' if value is not None else name for name, value in attrs)
        if tag == "script":
            self._script = [f"<script {shown}>"]
        elif tag in ACTIVE_TAGS or (tag == "meta" and any(name == "http-equiv" for name, _ in attrs)):
            self.found[f"<{tag} {shown}>"] += 1
        for name, value in attrs:
            squeezed = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.found[f"{name} on <{tag}>"] += 1
            elif squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.found[f"'{squeezed[:20]}' in {name} on <{tag}>"] += 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.found["".join(self._script)[:200]] += 1
            self._script = None
