"""The lesson Markdown dialect: CommonMark plus the designer's blocks, and the page-break rule.

Blocks are markdown-it containers (`::: note` ... `:::`); glossary terms are `[[term]]` or
`[[shown text|term]]`. Each page starts at a level-1 heading (`# Title`, optionally
`# Title {#page_id}`). The same parser serves loading, checking and rendering, so what the
checker accepts is exactly what the renderer renders.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

from stce_scorm.errors import Problem, SourcePos, error
from stce_scorm.source.models import ID_HINT, ID_PATTERN, Page

# Container name -> does it take an argument after the name (and is the argument required)?
BLOCKS: dict[str, str] = {
    "note": "optional title",
    "tip": "optional title",
    "warning": "optional title",
    "figure": "none",
    "accordion": "none",
    "panel": "required title",
    "tabs": "none",
    "tab": "required title",
    "check": "required question id",
}


def _glossary_rule(state: StateInline, silent: bool) -> bool:
    """`[[term]]` or `[[shown text|term]]`: a link to the glossary entry of `term`."""
    src, start = state.src, state.pos
    if not src.startswith("[[", start):
        return False
    end = _next(state, "]]", start + 2)
    if end < 0 or -1 < _next(state, "\n", start) < end:
        return False
    inner = src[start + 2:end]
    if not inner.strip():
        return False
    if not silent:
        shown, _, ref = inner.partition("|")
        token = state.push("glossary_ref", "", 0)
        token.meta = {"text": shown.strip(), "term": (ref or shown).strip()}
        token.content = inner
    state.pos = end + 2
    return True


def _designer_blocks(rules):
    """The plugin's rules of all the designer's blocks as one rule, which gives up at once on a line that
    does not start with ':'. markdown-it tries every block rule at each line (and, to end a paragraph, at
    each line of it): nine rules that each gave up there took a tenth of a 1,000-page module's parse. The
    rules are tried in their order, so the tokens are the same. The opening token records whether a closing
    ':::' was found (`meta["closed"]`): the plugin closes an unclosed block silently at the end of the text."""
    def blocks(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        first = state.bMarks[start_line] + state.tShift[start_line]
        if first < len(state.src) and state.src[first] != ":":
            return False
        for rule in rules:
            count = len(state.tokens)
            if rule(state, start_line, end_line, silent):
                if not silent:
                    opener = state.tokens[count]
                    opener.meta["closed"] = state.line == source_lines(opener)[1] + 1
                return True
        return False
    return blocks


def source_lines(token: Token) -> list[int]:
    """A block token's source lines [first, end), 0-based: markdown-it sets them on every block token."""
    return token.map or [0, 0]


def unclosed_blocks(tokens) -> list[Token]:
    """The opening tokens of blocks that no ':::' line closes."""
    return [t for t in tokens if t.type.startswith("container_") and t.type.endswith("_open")
            and t.meta.get("closed") is False]


def _next(state: StateInline, needle: str, start: int) -> int:
    """`state.src.find(needle, start)`, remembering the last answer for this text: without it, a line
    of many '[[' would be searched to its end once per '[[', in quadratic time."""
    cache = state.env.setdefault("_next_found", {})
    src, earlier = state.src, cache.get(needle)
    if earlier and earlier[0] is src and earlier[1] <= start and (earlier[2] < 0 or start <= earlier[2]):
        return earlier[2]  # nothing between the earlier start and its answer: same answer
    found = src.find(needle, start)
    cache[needle] = (src, start, found)
    return found


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """A shared parser instance (markdown-it parsers are reusable and stateless between calls)."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    for name in BLOCKS:
        md.use(container_plugin, name=name, validate=_validator(name))
    names = [f"container_{name}" for name in BLOCKS]
    rules = [rule for rule in md.block.ruler.__rules__ if rule.name in names]
    md.block.ruler.before(names[0], "designer_blocks", _designer_blocks([rule.fn for rule in rules]),
                          {"alt": list(rules[0].alt)})
    md.block.ruler.disable(names)
    md.inline.ruler.before("link", "glossary_ref", _glossary_rule)
    md.core.ruler.after("block", "heading_ids", _heading_ids)
    md.core.ruler.push("figure_images", _figure_images)
    md.core.ruler.push("figure_captions", _figure_captions)
    return md


def heading_id(content: str) -> tuple[str, str | None]:
    """Split `Title {#id}` into the title and the id (None without one).

    String methods, not a regular expression: a pattern such as `\\s*\\{#...\\}\\s*$` searched
    through a heading of many spaces takes quadratic time."""
    stripped = content.rstrip()
    start = stripped.rfind("{#")
    if not stripped.endswith("}") or start < 0:
        return content, None
    ident = stripped[start + 2:-1]
    if "}" in ident or any(char.isspace() for char in ident):
        return content, None
    return stripped[:start].rstrip(), ident


def _heading_ids(state: StateCore) -> None:
    """`# Title {#page_id}`: take the id off the heading text and keep it as the heading's id."""
    for index, token in enumerate(state.tokens):
        if token.type == "heading_open":
            inline = state.tokens[index + 1]
            title, ident = heading_id(inline.content)
            if ident is not None:
                inline.content = title
                token.attrSet("id", ident)


def _figure_images(state: StateCore) -> None:
    """In a figure, put a leading image in a paragraph of its own, so the text after it is the caption."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        if tokens[i].type == "container_figure_open" and i + 3 < len(tokens) and tokens[i + 1].type == "paragraph_open":
            inline = tokens[i + 2]
            children = inline.children or []
            if len(children) > 2 and children[0].type == "image" and children[1].type in ("softbreak", "hardbreak"):
                rest = Token("inline", "", 0, content=inline.content.split("\n", 1)[1], map=inline.map,
                             level=inline.level, children=children[2:])
                inline.children = children[:1]
                inline.content = inline.content.split("\n", 1)[0]
                tokens[i + 4:i + 4] = [
                    Token("paragraph_open", "p", 1, map=tokens[i + 1].map, level=tokens[i + 1].level, block=True),
                    rest,
                    Token("paragraph_close", "p", -1, level=tokens[i + 1].level, block=True),
                ]
        i += 1


def _figure_captions(state: StateCore) -> None:
    """In a figure, hide the paragraph that holds only the image and mark where the caption opens and
    closes. Marked here, as markdown-it hides the paragraphs of a tight list, so rendering only reads the
    tokens and may render the tokens every check reads."""
    tokens = state.tokens
    for start, opener in enumerate(tokens):
        if opener.type != "container_figure_open":
            continue
        depth, caption_open = 0, False
        for i in range(start + 1, len(tokens)):
            token = tokens[i]
            if token.type == "container_figure_open":
                depth += 1
            elif token.type == "container_figure_close":
                if depth == 0:
                    if caption_open:
                        token.meta["close_caption"] = True
                    break
                depth -= 1
            elif token.type == "paragraph_open" and depth == 0:
                only_image = [c for c in tokens[i + 1].children or [] if c.type != "softbreak"]
                if len(only_image) == 1 and only_image[0].type == "image":
                    token.hidden = tokens[i + 2].hidden = True
                elif not caption_open:
                    token.meta["open_caption"] = True
                    caption_open = True


PARSED_TEXTS = 8192  # texts whose tokens are kept: a 1,000-page module has about 4,000
_parsed: dict[str, tuple[Token, ...]] = {}  # text -> its tokens, least recently used first


def parsed(text: str) -> tuple[Token, ...]:
    """The tokens of a text, parsed once per build: loading, every check, the player data and rendering
    read the same text many times. Read-only: every reader shares them."""
    tokens = _parsed.pop(text, None)
    if tokens is None:
        tokens = tuple(parser().parse(text))
    _remember(text, tokens)
    return tokens


def _remember(text: str, tokens: tuple[Token, ...]) -> None:
    _parsed[text] = tokens
    if len(_parsed) > PARSED_TEXTS:
        del _parsed[next(iter(_parsed))]


def _cut(tokens: tuple[Token, ...], first_line: int) -> tuple[Token, ...]:
    """A run of a text's top-level blocks as the tokens of the text from `first_line` on: line maps moved."""
    return tuple(t if t.map is None else t.copy(map=[t.map[0] - first_line, t.map[1] - first_line]) for t in tokens)


def _validator(name: str):
    def validate(params: str, *args) -> bool:
        return params.strip().split(" ", 1)[0] == name
    return validate


def block_argument(token: Token) -> str:
    """The text after the block name on a `::: name argument` line."""
    return token.info.strip().partition(" ")[2].strip()


def block_name(token: Token) -> str:
    return token.type.removeprefix("container_").removesuffix("_open").removesuffix("_close")


FENCE = re.compile(r"^(:{3,})\s*(\S*)")


def _left_open(lines: list[str]) -> tuple[int, str, str] | None:
    """The block an author most likely left open, read as a person reads: each '::: name' line opens a
    block, each bare ':::' closes the latest one. (The parser instead lets a ':::' meant for a later
    block close the open one, and reports that later block.) Returns (0-based line, fence, name)."""
    stack: list[tuple[int, str, str]] = []
    in_code = False
    for number, line in enumerate(lines):
        text = line.strip()
        if text.startswith(("```", "~~~")):
            in_code = not in_code
        match = None if in_code else FENCE.match(text)
        if match is None:
            continue
        fence, name = match.groups()
        if name:
            stack.append((number, fence, name))
            continue
        if stack and len(stack[-1][1]) < len(fence):
            return stack[-1]  # a longer fence closes an outer block: the inner one was left open
        if stack and len(stack[-1][1]) == len(fence):
            stack.pop()
    return stack[0] if stack else None


# A line that may start a link reference definition: '[' (not '[[') after nothing but list and quote markers.
LABEL_LINE = re.compile(r"^(?:[ \t]|>|[*+-](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))*\[(?!\[)", re.M)
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def markdown_lines(text: str) -> list[str]:
    """The text's lines, ends kept, as markdown-it numbers them: only a newline (or CR) ends a line.
    (`str.splitlines` also breaks at U+2028, form feeds and others, and would cut pages a line off.)"""
    return LINE.findall(text)


def split_pages(body: str, file: str, first_body_line: int, lesson_id: str) -> tuple[list[Page], list[Problem]]:
    """Cut a lesson body into pages at each top-level `# heading`."""
    problems: list[Problem] = []
    lines = markdown_lines(body)
    tokens = parsed(body)  # read only here; a lesson left unchanged is not parsed again in `preview`
    # A block left open swallows what follows (page headings included), and a later ':::' meant for
    # another block closes it instead: report the block at its opening line, and nothing that follows.
    unclosed = unclosed_blocks(tokens)
    if unclosed:
        line, fence, name = _left_open(lines) or (source_lines(unclosed[0])[0], unclosed[0].markup, block_name(unclosed[0]))
        return [], [error(SourcePos(file, first_body_line + line, 1), f"'{fence} {name}' is not closed",
                          f"end the block with a line holding only '{fence}', before the next page heading")]
    starts: list[tuple[int, str, str | None, int]] = []  # (0-based line, title, explicit id, body line)
    first_tokens: list[int] = []  # the index of each page's heading in `tokens`
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and token.level == 0:
            title = tokens[index + 1].content.strip()
            explicit_id = token.attrs.get("id")
            starts.append((source_lines(token)[0], title, None if explicit_id is None else str(explicit_id),
                           source_lines(token)[1]))
            first_tokens.append(index)
        elif token.type == "heading_open" and token.tag == "h1":
            problems.append(error(SourcePos(file, first_body_line + source_lines(token)[0], 1),
                                  "a level-1 heading inside a block starts no page",
                                  "use '##' inside blocks; '#' starts a new page"))
    if not starts:
        problems.append(error(SourcePos(file, first_body_line, 1), "the lesson has no pages",
                              "start each page with a level-1 heading line: '# Page title'"))
        return [], problems
    before = "".join(lines[:starts[0][0]]).strip()
    if before:
        problems.append(error(SourcePos(file, first_body_line, 1), "text before the first page heading",
                              "move it under a '# Page title' heading"))
    pages: list[Page] = []
    seen: dict[str, int] = {}
    for number, (start, title, explicit_id, body_start) in enumerate(starts, 1):
        end = starts[number][0] if number < len(starts) else len(lines)
        line = first_body_line + start
        page_id = explicit_id or f"p{number}"
        if not re.match(ID_PATTERN, page_id):
            problems.append(error(SourcePos(file, line, 1), f"page id '{page_id}' is not allowed", ID_HINT))
            continue
        if page_id in seen:
            problems.append(error(SourcePos(file, line, 1), f"duplicate page id '{page_id}' in lesson '{lesson_id}'",
                                  f"it is also used on line {seen[page_id]}; give each page its own id"))
            continue
        seen[page_id] = line
        if not title:
            problems.append(error(SourcePos(file, line, 1), "empty page heading", "write the page title after '# '"))
        page = Page(id=page_id, title=title or page_id, markdown="".join(lines[start:end]), first_line=line,
                    body="".join(lines[body_start:end]))
        page._pos = SourcePos(file, line, 1)
        pages.append(page)
    # A page's text parses to the lesson's tokens from its heading to the next page's (markdown-it reads
    # each top-level block from its own lines), so its tokens are cut, not parsed again. Not when a link
    # reference definition ('[label]: url') may be written: the lesson's parse applies it to every page.
    if not problems and not ("]:" in body and LABEL_LINE.search(body)):
        ends = first_tokens[1:] + [len(tokens)]
        for page, first, end, (start, _, _, body_start) in zip(pages, first_tokens, ends, starts):
            _remember(page.markdown, _cut(tokens[first:end], start))
            _remember(page.body, _cut(tokens[first + 3:end], body_start))  # after heading_open, inline, close
    return pages, problems
