"""The lesson Markdown dialect's parser: the designer's blocks as one rule give the tokens of the plugin's
nine rules, each tried at every line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin

from stce_scorm.source import markdown
from stce_scorm.source.markdown import BLOCKS, parser

LINES = ["::: note", "::: note Mind this", "::: tip", "::: warning", "::: figure", ":::: accordion", "::: panel P",
         ":::: tabs", "::: tab T", "::: check kc_1", ":::", "::::", "::: unknown", ":::note", "  ::: note", "> ::: tip",
         "- ::: warning", "# Page", "Some text.", "More *text*.", "", "", "```", "![a](media/a.svg)", "[[term]]",
         "| a | b |", "|---|---|", "    code", "<div>", ":", "::"]
TEXTS = st.lists(st.sampled_from(LINES), max_size=30).map("\n".join)


def _nine_rules() -> MarkdownIt:
    """The parser as the plugin builds it: one rule per block, each marking whether its block was closed."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    for name in BLOCKS:
        md.use(container_plugin, name=name, validate=markdown._validator(name))
        rule = next(r for r in md.block.ruler.__rules__ if r.name == f"container_{name}")
        md.block.ruler.at(rule.name, _marking_closed(rule.fn), {"alt": list(rule.alt)})
    md.inline.ruler.before("link", "glossary_ref", markdown._glossary_rule)
    md.core.ruler.after("block", "heading_ids", markdown._heading_ids)
    md.core.ruler.push("figure_images", markdown._figure_images)
    md.core.ruler.push("figure_captions", markdown._figure_captions)
    return md


def _marking_closed(rule):
    def container(state, start_line, end_line, silent):
        count = len(state.tokens)
        found = rule(state, start_line, end_line, silent)
        if found and not silent:
            opener = state.tokens[count]
            opener.meta["closed"] = state.line == markdown.source_lines(opener)[1] + 1
        return found
    return container


REFERENCE = _nine_rules()


@settings(max_examples=300, derandomize=True)
@given(TEXTS)
def test_the_designer_blocks_rule_gives_the_tokens_of_the_plugins_rules(text: str):
    assert [token.as_dict() for token in parser().parse(text)] == [token.as_dict() for token in REFERENCE.parse(text)]


def test_blocks_nest_and_an_unclosed_block_is_marked():
    tokens = parser().parse(":::: tabs\n::: tab One\nText.\n:::\n::::\n\n::: note\nLeft open.\n")
    opened = [(t.type, t.meta.get("closed")) for t in tokens if t.type.endswith("_open") and "container" in t.type]
    assert opened == [("container_tabs_open", True), ("container_tab_open", True), ("container_note_open", False)]
