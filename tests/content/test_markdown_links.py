"""Links that leave the package open in a new window, so the LMS page stays (issue 9.5)."""

from stce_scorm.content.markdown_html import RenderContext, render_markdown


def test_protocol_relative_links_open_in_a_new_window_like_web_links():
    for href in ("//www.wco.org/en", "https://www.wco.org/en"):
        html = render_markdown(f"[WCO]({href})", RenderContext())
        assert 'target="_blank"' in html and 'rel="noopener noreferrer"' in html, html


def test_page_anchors_stay_in_the_page():
    assert "target" not in render_markdown("[see](#l1_why-p2)", RenderContext())
