"""Markdown content: blocks used as designed, and raw HTML the sanitiser would strip."""

from __future__ import annotations

import re

from stce_scorm.errors import Problem, error
from stce_scorm.content.sanitize import html_violations
from stce_scorm.source.markdown import BLOCKS, block_argument, block_name
from stce_scorm.source.models import Module
from stce_scorm.source.texts import MarkdownText, module_texts, tokens

# A block that may only appear directly inside another one.
REQUIRED_PARENT = {"panel": "accordion", "tab": "tabs"}
# Blocks that may contain only the named children (besides blank space).
ONLY_CHILDREN = {"accordion": "panel", "tabs": "tab"}


# Markdown reads `![alt](media/My photo.png)` as plain text: a space ends a link target.
BROKEN_IMAGE = re.compile(r"!\[[^\]]*\]\((?!<)[^)]*\s[^)]*\)")


def check_content(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    for text in module_texts(module):
        problems += _blocks(text)
        problems += _raw_html(text)
        problems += _broken_images(text)
    return problems


def _broken_images(text: MarkdownText) -> list[Problem]:
    """An image whose path has a space is shown to learners as raw text, silently: say so."""
    return [error(item.pos, f"'{match.group(0)}' is not read as an image: its path contains a space",
                  "rename the file with '-' instead of spaces, e.g. media/border-photo.jpg")
            for item in tokens(text) if item.token.type == "text"
            for match in BROKEN_IMAGE.finditer(item.token.content)]


def _blocks(text: MarkdownText) -> list[Problem]:
    problems: list[Problem] = []
    items = list(tokens(text))
    for index, item in enumerate(items):
        token = item.token
        if token.type == "paragraph_open" and index + 1 < len(items):
            content = items[index + 1].token.content
            if content.startswith(":::"):
                name = content.strip(":").strip().split(" ")[0]
                hint = f"blocks are: {', '.join(BLOCKS)}; close each with ':::' on its own line"
                problems.append(error(item.pos, f"'{content.splitlines()[0]}' is not a known block"
                                      if name else "a ':::' line closes no open block", hint))
        if not (token.type.startswith("container_") and token.type.endswith("_open")):
            continue
        name = block_name(token)
        argument = block_argument(token)
        parent = item.parents[-1] if item.parents else None
        if BLOCKS[name].startswith("required") and not argument:
            problems.append(error(item.pos, f"'::: {name}' needs a {BLOCKS[name].removeprefix('required ')}",
                                  f"write it on the same line: '::: {name} ...'"))
        if BLOCKS[name] == "none" and argument:
            problems.append(error(item.pos, f"'::: {name}' takes nothing after its name",
                                  "put the text inside the block, on the following lines"))
        if name in REQUIRED_PARENT and parent != REQUIRED_PARENT[name]:
            outer = REQUIRED_PARENT[name]
            problems.append(error(item.pos, f"'::: {name}' must be directly inside ':::: {outer}'",
                                  f"wrap the {name}s in ':::: {outer}' ... '::::' (four colons)"))
        if parent in ONLY_CHILDREN and name != ONLY_CHILDREN[parent]:
            problems.append(error(item.pos, f"'::: {name}' cannot stand directly inside '{parent}'",
                                  f"'{parent}' holds only '::: {ONLY_CHILDREN[parent]} Title' blocks"))
        if name == "figure":
            problems += _figure(items, index)
        if name == "check":
            body = _body(items, index)
            if any(t.token.type not in ("container_check_close",) for t in body):
                problems.append(error(item.pos, "'::: check' blocks hold no text",
                                      "write the question in the knowledge-check file; close the block with ':::'"))
    for item in items:
        if item.token.type in ("paragraph_open",) and item.parents and item.parents[-1] in ONLY_CHILDREN:
            parent = item.parents[-1]
            problems.append(error(item.pos, f"text directly inside '{parent}' is not shown in any {ONLY_CHILDREN[parent]}",
                                  f"put it inside a '::: {ONLY_CHILDREN[parent]} Title' block"))
    return problems


def _body(items: list, index: int) -> list:
    """The tokens between a container's opening (at `index`) and its matching close."""
    depth = len(items[index].parents)
    body = []
    for item in items[index + 1:]:
        if len(item.parents) <= depth and item.token.type.endswith("_close") and item.token.type.startswith("container_"):
            break
        body.append(item)
    return body


def _figure(items: list, index: int) -> list[Problem]:
    images = [t for t in _body(items, index) if t.token.type == "image"]
    if len(images) != 1:
        return [error(items[index].pos, f"a figure holds exactly one image, this one has {len(images)}",
                      "write '![alt text](media/file.svg)' on the first line, then the caption")]
    return []


def _raw_html(text: MarkdownText) -> list[Problem]:
    problems: list[Problem] = []
    for item in tokens(text):
        if item.token.type not in ("html_block", "html_inline"):
            continue
        for line_offset, what, hint in html_violations(item.token.content):
            pos = type(item.pos)(item.pos.file, item.pos.line + line_offset, item.pos.col)
            problems.append(error(pos, f"{what} (in {text.where})", hint))
        if "<img" in item.token.content.lower():
            problems.append(error(item.pos, f"images in raw HTML are not packaged (in {text.where})",
                                  "write the image in Markdown: ![alt text](media/file.png)"))
    return problems
