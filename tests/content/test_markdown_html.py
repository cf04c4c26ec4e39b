"""Markup the renderer adds for accessibility: tables in a named, focusable scroll region; a link to open a
diagram full size; prompts simple enough to sit in a <legend>."""

from stce_scorm.content.markdown_html import MediaRef, RenderContext, is_phrasing, render_markdown

LABELS = {"table": "Table", "open_full_size": "Open the image full size (new tab)"}


def test_a_table_sits_in_a_focusable_region_named_by_its_column_headings():
    html = render_markdown("| Item | **Control list** |\n|---|---|\n| Lathe | 2B001 |\n", RenderContext(labels=LABELS))
    assert html.startswith('<div class="table-scroll" data-block="table" tabindex="0" role="region" '
                           'aria-label="Table: Item, Control list">')
    assert html.rstrip().endswith("</table>\n</div>")


def test_an_author_cannot_make_any_other_element_focusable():
    html = render_markdown('<div tabindex="0">x</div>\n\n<span tabindex="3">y</span>', RenderContext(labels=LABELS))
    assert "tabindex" not in html


def test_diagrams_and_large_images_get_a_full_size_link_small_photos_do_not():
    media = {"media/flow.svg": MediaRef("media/flow.svg", 400, 300),
             "media/big.jpg": MediaRef("media/big.webp", 1600, 1200),
             "media/small.jpg": MediaRef("media/small.webp", 300, 200)}
    context = RenderContext(labels=LABELS, media=media)
    for source, target in (("media/flow.svg", "media/flow.svg"), ("media/big.jpg", "media/big.webp")):
        html = render_markdown(f"![A flow]({source})", context)
        assert f'<a class="image-full" href="{target}" target="_blank"' in html
        assert "Open the image full size (new tab)</a>" in html
    assert "image-full" not in render_markdown("![A lathe](media/small.jpg)", context)


def test_phrasing_markdown_is_one_paragraph_without_blocks():
    context = RenderContext()
    assert is_phrasing(render_markdown("Which item is **dual-use**?", context, inline=True))
    assert not is_phrasing(render_markdown("Read this.\n\nThen answer.", context, inline=True))
    assert not is_phrasing(render_markdown("Which?\n\n- a\n- b", context, inline=True))


def test_a_text_rendered_again_in_the_same_context_gives_the_same_html_from_the_cache():
    text = "::: figure\n![A drone](media/d.svg)\nA *spraying* drone.\n:::\n\nSee [[dual-use item]] and [the list](media/d.svg)."
    media = {"media/d.svg": MediaRef("media/d.svg", 400, 240)}
    context = RenderContext(media=media)
    first = render_markdown(text, context)
    assert render_markdown(text, context) == first == render_markdown(text, RenderContext(media=media))
    assert list(context.rendered) == [(text, False)]
    assert render_markdown(text, context, inline=True) == render_markdown(text, RenderContext(media=media), inline=True)


def test_a_page_with_knowledge_checks_is_not_cached():
    """Its checks are filled in from templates at each call, so the page is rendered each time."""
    context = RenderContext()
    html = render_markdown("Intro.\n\n::: check kc_1\n:::\n", context, lambda qid: f"<form id='{qid}'></form>")
    assert "<form id='kc_1'></form>" in html and not context.rendered


def test_a_context_equal_to_the_previous_one_keeps_its_html_and_a_changed_one_starts_afresh():
    """`preview` rebuilds after each save: snippets whose context did not change are not rendered again."""
    from stce_scorm.content.markdown_html import shared_context

    media = {"media/d.svg": MediaRef("media/d.svg", 400, 240)}
    first = shared_context({}, dict(media), {"note": "Note"})
    html = render_markdown("![A drone](media/d.svg)", first)
    again = shared_context({}, dict(media), {"note": "Note"})
    assert again.rendered is first.rendered and render_markdown("![A drone](media/d.svg)", again) == html
    moved = shared_context({}, {"media/d.svg": MediaRef("media/d-2.svg", 400, 240)}, {"note": "Note"})
    assert not moved.rendered and 'src="media/d-2.svg"' in render_markdown("![A drone](media/d.svg)", moved)


def test_rendering_leaves_the_parsed_tokens_as_the_checks_read_them():
    """Rendering reads the tokens the checks read (one parse per text): a media link keeps the author's
    href for the asset check, and a second context renders with its own paths."""
    from stce_scorm.source.markdown import parsed

    text = "::: figure\n![A drone](media/d.svg)\nA *spraying* drone.\n:::\n\nSee [the drawing](media/d.svg)."
    first = RenderContext(media={"media/d.svg": MediaRef("media/d-1.svg", 400, 240)})
    second = RenderContext(media={"media/d.svg": MediaRef("media/d-2.svg", 400, 240)})
    html = render_markdown(text, first)
    assert '<p>See <a href="media/d-1.svg" target="_blank"' in html and "<figcaption>" in html
    assert '<a href="media/d-2.svg" target="_blank"' in render_markdown(text, second)
    links = [child for token in parsed(text) for child in token.children or [] if child.type == "link_open"]
    assert [link.attrs for link in links] == [{"href": "media/d.svg"}]
