"""Links that leave the package without saying so.

`[x](/path)` points at the LMS's own server, not into the package: in the SCO frame it opens an LMS
page, or nothing. `[x](//host/path)` (browsers read `/\\host` and `\\\\host` the same way) is a link to
another site whose scheme depends on the LMS's; it opens in a new window like other web links, and
the author is told to write the full address.
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error, warning
from stce_scorm.content.sanitize import html_links
from stce_scorm.source.models import Module
from stce_scorm.source.texts import module_texts, tokens

SLASHES = "/\\"


def is_protocol_relative(href: str) -> bool:
    """`//host/...`: another site, with the scheme of the page it is on."""
    return len(href) > 1 and href[0] in SLASHES and href[1] in SLASHES


def is_server_path(href: str) -> bool:
    """`/path`: a path on the server of the page it is on (in a package: the LMS)."""
    return bool(href) and href[0] in SLASHES and not is_protocol_relative(href)


def check_links(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    for text in module_texts(module):
        for item in tokens(text):
            found: list[tuple[int, str]] = []
            if item.token.type == "link_open":
                found.append((0, str(item.token.attrGet("href") or "")))
            elif item.token.type in ("html_block", "html_inline"):
                found += html_links(item.token.content)
            for offset, href in found:
                pos = type(item.pos)(item.pos.file, item.pos.line + offset, item.pos.col)
                if is_protocol_relative(href):
                    problems.append(warning(pos, f"'{href}' is a link without 'https:' (in {text.where})",
                                            f"write the full address: 'https:{'//' + href[2:]}'"))
                elif is_server_path(href):
                    problems.append(error(pos, f"'{href}' points at the LMS's server, not into the package "
                                               f"(in {text.where})",
                                          "link to a page ('#l1_why-p2'), a file ('media/job-aid.pdf') or a "
                                          "full web address ('https://...')"))
    return problems
