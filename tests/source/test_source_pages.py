"""Cutting a lesson into pages: each page's text is exactly the lines markdown-it read as that page, and the
tokens cut from the lesson's parse for it are the tokens a parse of that text gives."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stce_scorm.source.markdown import parsed, parser, split_pages


def test_a_line_separator_inside_a_paragraph_does_not_shift_the_pages_after_it():
    """markdown-it ends lines only at newlines; str.splitlines also breaks at U+2028 and form feeds, so the
    page after one such character used to start a line early and keep its own heading in its body."""
    for odd in ("\u2028", "\u2029", "\x0c", "\x85", "\x1c"):
        pages, problems = split_pages(f"# A\nfoo{odd}bar\n\n# B\nbaz\n", "l.md", 5, "l1")
        assert not problems
        assert [(p.title, p.markdown, p.body, p.first_line) for p in pages] == [
            ("A", f"# A\nfoo{odd}bar\n\n", f"foo{odd}bar\n\n", 5), ("B", "# B\nbaz\n", "baz\n", 8)]


# Lines that end, continue or swallow the block before them: lists, quotes, code, HTML, tables, blocks.
LINES = ["# Page", "# Page {#p_x}", "Title", "===", "---", "", "", "text with *em* and [[term]]", "- item",
         "  - nested", "1. first", "> quote", "    indented code", "```", "~~~", "<div>", "</div>", "<!--", "-->",
         "| a | b |", "|---|---|", "| 1 | 2 |", "::: note", "::: figure", "![alt](media/a.svg)", ":::", "::::",
         ":::: tabs", "::: tab T", "[label]: /url", "see [label]", "<span>inline</span>", "\\", "  ", "\t- tab"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=40).map(lambda lines: "\n".join(["# First", *lines])))
def test_the_tokens_cut_for_each_page_are_those_of_parsing_its_text(body: str):
    pages, problems = split_pages(body, "l.md", 1, "l1")
    for page in pages:
        for text in (page.markdown, page.body):
            assert parsed(text) == tuple(parser().parse(text)), text


def test_a_link_label_defined_on_one_page_does_not_reach_into_another():
    """The lesson's parse resolves a '[label]: url' definition on every page; each page is its own text."""
    pages, problems = split_pages("# A\n[label]: /url\n\n# B\nsee [label]\n", "l.md", 1, "l1")
    assert not problems
    assert not [t for t in parsed(pages[1].body)[1].children if t.type == "link_open"]
    assert parsed(pages[1].markdown) == tuple(parser().parse(pages[1].markdown))
    for definition in ("> [label]: /url", "- [label]:\n  /url", "[multi\nline label]: /url", "1. > * [label]: /url"):
        pages, _ = split_pages(f"# A\n{definition}\n\n# B\nsee [label]\n", "l.md", 1, "l1")
        assert parsed(pages[1].markdown) == tuple(parser().parse(pages[1].markdown)), definition
