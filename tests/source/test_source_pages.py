"""Cutting a lesson into pages: each page's text is exactly the lines markdown-it read as that page."""

from stce_scorm.source.markdown import split_pages


def test_a_line_separator_inside_a_paragraph_does_not_shift_the_pages_after_it():
    """markdown-it ends lines only at newlines; str.splitlines also breaks at U+2028 and form feeds, so the
    page after one such character used to start a line early and keep its own heading in its body."""
    for odd in ("\u2028", "\u2029", "\x0c", "\x85", "\x1c"):
        pages, problems = split_pages(f"# A\nfoo{odd}bar\n\n# B\nbaz\n", "l.md", 5, "l1")
        assert not problems
        assert [(p.title, p.markdown, p.body, p.first_line) for p in pages] == [
            ("A", f"# A\nfoo{odd}bar\n\n", f"foo{odd}bar\n\n", 5), ("B", "# B\nbaz\n", "baz\n", 8)]
