"""Author Markdown as plain text for slides and speaker notes, and a page's default key points.

A slide is not a web page: it takes short lines of plain text, and PowerPoint shows no HTML. So the
kit reads the same Markdown tokens the checker and the renderer read (one parser, `source.markdown`)
and keeps only the words: glossary links become their shown text, images and knowledge-check
placeholders drop out, and block titles ("Red flags for AM") stay, since trainers read them aloud.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from stce_scorm.source.markdown import block_argument, block_name, parsed

BULLET = "• "
_BLOCKS_WITHOUT_TEXT = {"check", "figure", "accordion", "tabs"}
_SPACES = re.compile(r"[ \t\r\n]+")


def inline_text(token: Token) -> str:
    """The words of one inline token: text, code and glossary links as shown; no images, no HTML."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "glossary_ref":
            parts.append(child.meta["text"])
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    # Only ordinary spaces fold: str.split() would also take a translation's no-break spaces ("Titre\u00a0:").
    return _SPACES.sub(" ", "".join(parts)).strip(" \t\r\n")


def markdown_text(markdown: str) -> str:
    """A one-line Markdown text (a key point, a prompt, a choice) as plain words."""
    return " ".join(text for token in parsed(markdown) if token.type == "inline"
                    if (text := inline_text(token)))


def page_text(markdown: str) -> str:
    """A page body as speaker notes: one paragraph per line, list items bulleted, block titles kept."""
    lines: list[str] = []
    lists = 0
    for index, token in enumerate(tokens := parsed(markdown)):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type.startswith("container_") and token.type.endswith("_open"):
            title = block_argument(token)
            if title and block_name(token) not in _BLOCKS_WITHOUT_TEXT:
                lines.append(f"{title}:")
        elif token.type == "inline" and (text := inline_text(token)):
            opener = tokens[index - 1]
            if opener.type == "heading_open":
                lines.append(f"{text}:")
            elif lists and _first_in_item(tokens, index):
                lines.append("  " * (lists - 1) + BULLET + text)
            else:
                lines.append(text)
        elif token.type == "fence" and token.content.strip():
            lines.append(token.content.strip())
    return "\n".join(lines)


def default_key_points(markdown: str) -> list[str]:
    """What a page's slide shows unless the author chose: its first paragraph and its top-level list
    items; a page whose text is all inside blocks (tabs, panels, call-outs) gives each block's
    first paragraph, after the block's title."""
    tokens = parsed(markdown)
    points = _top_level_points(tokens)
    return points or _block_points(tokens)


def _top_level_points(tokens: tuple[Token, ...]) -> list[str]:
    points: list[str] = []
    blocks = lists = 0
    first_paragraph = True
    for index, token in enumerate(tokens):
        if token.type.startswith("container_"):
            blocks += 1 if token.type.endswith("_open") else -1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "inline" and blocks == 0 and tokens[index - 1].type == "paragraph_open":
            text = inline_text(token)
            if not text:
                continue
            if lists == 0 and first_paragraph:
                points.append(text)
                first_paragraph = False
            elif lists == 1 and _first_in_item(tokens, index):
                points.append(text)
    return points


def _block_points(tokens: tuple[Token, ...]) -> list[str]:
    points: list[str] = []
    title: str | None = None
    taken = True
    for index, token in enumerate(tokens):
        if token.type.startswith("container_") and token.type.endswith("_open"):
            if block_name(token) not in _BLOCKS_WITHOUT_TEXT:
                title, taken = block_argument(token), False
        elif token.type == "inline" and not taken and tokens[index - 1].type == "paragraph_open":
            text = inline_text(token)
            if text:
                points.append(f"{title}: {text}" if title else text)
                taken = True
    return points


def _first_in_item(tokens: tuple[Token, ...], index: int) -> bool:
    """Is this inline the first paragraph of a list item (not a later paragraph of it)?"""
    return index >= 2 and tokens[index - 1].type == "paragraph_open" and tokens[index - 2].type == "list_item_open"
