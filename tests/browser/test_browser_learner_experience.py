"""What a learner meets beyond what axe can see: a glossary definition in place with a way back, one question
per screen, questions numbered, sequencing that says where an item went, notices a screen reader hears and
that go away, photos that fit the screen, and an Exit that asks first and is not the second tab stop."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from learner import answer, answer_assessment, go_next, heading, questions_by_id
from repo_paths import EVERY_QUESTION, EXAMPLE_MODULE, IMAGES, ONE_QUESTION_PER_SCREEN
from stce_scorm import load_module

MODULE, _ = load_module(EXAMPLE_MODULE)


def test_a_glossary_term_opens_in_place_and_the_glossary_page_leads_back(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    term = page.get_by_role("link", name="dual-use items")
    term.click()
    dialog = page.get_by_role("dialog", name="dual-use item")
    expect(dialog).to_contain_text("normal civil uses")
    expect(heading(page, "Two uses, one item")).to_be_attached()  # the page stays where it was
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(term).to_be_focused()

    term.click()
    dialog.get_by_role("link", name="Open the glossary").click()
    expect(page.locator("#glossary-dual_use")).to_be_focused()
    back = page.get_by_role("button", name="Back to: Two uses, one item")
    expect(back).to_be_visible()
    back.click()
    expect(heading(page, "Two uses, one item")).to_be_visible()
    expect(term).to_be_focused()
    go_next(page)
    expect(page.get_by_role("button", name=re.compile("^Back to"))).to_be_hidden()


def test_questions_are_numbered_groups_with_labelled_fields(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html#assessment-final")
    page.get_by_role("button", name="Start the assessment").click()
    legends = page.locator("[data-slot]:visible [data-question]:visible legend .question-number")
    total = legends.count()
    assert total >= 6
    expect(legends).to_have_text([f"Question {n} of {total}" for n in range(1, total + 1)])
    for field in page.locator("[data-slot]:visible [data-question]:visible input[type=text]").all():
        assert field.evaluate("e => e.labels.length") == 1  # the visible "Your answer" label...
        expect(field).to_have_accessible_name(re.compile(r"\w.+ Your answer$"))  # ...after the question
    page.get_by_role("button", name="Submit").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    ordered = page.locator('[data-slot]:visible [data-question][data-type="sequencing"]:visible').count()
    expect(summary.get_by_role("link")).to_have_count(total - ordered)  # an order on screen is already an answer
    first = page.locator('[data-slot]:visible [data-question]:visible:not([data-type="sequencing"])').first
    expect(first.locator("[data-error]")).to_have_text("Answer this question.")
    expect(first.locator("input, select").first).to_have_attribute("aria-invalid", "true")
    answer(page, questions_by_id(MODULE)[first.get_attribute("data-question")], correct=True)
    expect(summary.get_by_role("link")).to_have_count(total - ordered - 1)
    expect(first.locator("[data-error]")).to_be_hidden()
    assert first.locator("[aria-invalid]").count() == 0


def test_one_question_per_screen(page, serve, built_site):
    module, _ = load_module(ONE_QUESTION_PER_SCREEN)
    page.goto(serve(built_site(ONE_QUESTION_PER_SCREEN, "2004")) + "/index.html#assessment-final")
    page.get_by_role("button", name="Start the assessment").click()
    slots = page.locator("[data-slot]:visible")
    expect(slots).to_have_count(1)
    expect(page.locator("[data-slot]:visible legend").first).to_be_focused()
    expect(page.get_by_role("button", name="Previous question")).to_be_hidden()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()
    screens = 1
    while page.get_by_role("button", name="Next question").is_visible():
        answer_assessment(page, module, correct=True)
        page.get_by_role("button", name="Next question").click()
        expect(slots).to_have_count(1)
        expect(page.locator("[data-slot]:visible legend").first).to_be_focused()
        screens += 1
    assert screens >= 6
    expect(page.get_by_role("button", name="Previous question")).to_be_visible()
    page.get_by_role("button", name="Submit").click()  # the last screen is still open: the summary links to it
    expect(page.locator("[data-error-summary]")).to_be_focused()
    answer_assessment(page, module, correct=True)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("[data-results]")).to_contain_text("You passed")
    assert page.locator("[data-slot]:visible").count() == screens  # the review shows every question again


def test_sequencing_shows_positions_and_announces_a_move(page, serve, built_site):
    page.goto(serve(built_site(EVERY_QUESTION, "2004")) + "/index.html#assessment-final")  # the sequencing one drawn
    page.get_by_role("button", name="Start the assessment").click()
    box = page.locator('[data-question][data-type="sequencing"]:visible').first
    texts = box.locator(".sequence-text").all_inner_texts()
    # Each item shows its position ("1. ", "2. ", ...) from a CSS counter that counts the list's items.
    assert box.locator(".sequence-text").first.evaluate("e => getComputedStyle(e, '::before').content") == \
        'counter(position) ". "'
    assert box.locator("[data-item]").evaluate_all("els => els.map(e => getComputedStyle(e).counterIncrement)") == \
        ["position 1"] * len(texts)
    box.get_by_role("button", name=f"Move down: {texts[0]}").press("Enter")
    expect(box.locator("[data-sequence-status]")).to_have_text(f"{texts[0]}: position 2 of {len(texts)}.")
    assert box.locator(".sequence-text").all_inner_texts()[1] == texts[0]


def test_an_unanswered_check_says_so_in_place_and_the_message_does_not_follow_to_the_next_page(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    go_next(page)
    check = page.locator("[data-check]:visible").first
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator("[data-error]")).to_have_text("Answer the question before you check it.")
    expect(check.locator("input").first).to_be_focused()
    expect(check.locator("input").first).to_have_attribute("aria-invalid", "true")
    go_next(page)
    expect(page.locator("#notice")).to_have_text("")
    expect(page.get_by_text("Answer the question before you check it.")).to_be_hidden()


def test_save_notices_are_announced_in_the_banner_and_saved_again_goes_away(page, lms, built_site):
    from lms.lms_harness import launch

    server = lms(built_site(EXAMPLE_MODULE, "2004"))
    frame = launch(page, server, "2004")
    server.wait_for_commits(1)
    server.fail_next(2)
    go_next(frame)
    banner = frame.get_by_role("banner")
    live = frame.locator("#notice[role=status]")
    expect(live.get_by_text("Your progress could not be saved. Retrying…")).to_be_visible()
    expect(banner.get_by_text("Your progress could not be saved. Retrying…")).to_be_visible()
    expect(live.get_by_text("Your progress is saved again.")).to_be_visible(timeout=15000)
    expect(live.get_by_text("Your progress is saved again.")).to_be_hidden(timeout=15000)
    assert live.evaluate("e => !e.hidden && getComputedStyle(e).display !== 'none'")  # always in the tree


def test_a_tall_photo_fits_the_window_and_a_diagram_opens_full_size(page, serve, built_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(serve(built_site(IMAGES, "2004")) + "/index.html")
    photo = page.get_by_role("img", name="An officer at a container")
    photo.scroll_into_view_if_needed()
    box = photo.bounding_box()
    assert box["height"] <= 0.7 * 800 + 1 and abs(box["width"] / box["height"] - 600 / 1400) < 0.02
    link = page.get_by_role("link", name="Open the image full size (new tab)").first
    expect(link).to_have_attribute("href", "media/machine-tool.svg")
    expect(link).to_have_attribute("target", "_blank")


def test_exit_is_not_the_second_tab_stop_and_asks_first(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "exit-button"
    order = page.evaluate("""() => [...document.querySelectorAll('a[href], button:not([hidden])')]
        .filter(e => e.offsetParent !== null).map(e => e.id)""")
    assert order.index("exit-button") > order.index("next-page")
    page.get_by_role("button", name="Exit").click()
    dialog = page.get_by_role("dialog", name="Leave the module?")
    dialog.get_by_role("button", name="Stay in the module").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Exit")).to_be_focused()
    expect(heading(page, "Two uses, one item")).to_be_visible()


def test_forced_colours_keep_every_state_visible(page, serve, built_site):
    """Windows high contrast replaces every colour: errors, right answers and the current page still show."""
    page.emulate_media(forced_colors="active")
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html#assessment-final")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    current = page.locator("#toc a[aria-current=page]")
    assert current.evaluate("e => getComputedStyle(e).textDecorationThickness") == "3px"
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("button", name="Submit").click()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth") == \
        "solid 4px"
    answer_assessment(page, MODULE, correct=False)
    page.get_by_role("button", name="Submit").click()
    marked = page.locator(".choice-correct").first
    expect(marked).to_be_visible()
    assert marked.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert "✓" in marked.evaluate("e => getComputedStyle(e, '::after').content")


def test_the_progress_bar_has_a_visible_label_and_figure_that_match_it(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    bar = page.get_by_role("progressbar", name="Progress")
    expect(page.get_by_role("banner").get_by_text("Progress", exact=True)).to_be_visible()
    seen = set()
    for _ in range(3):
        expect(page.locator("#progress-value")).to_have_text(re.compile(r"^\d+%$"))
        value = bar.evaluate("e => e.value")
        expect(page.locator("#progress-value")).to_have_text(f"{value}%")
        seen.add(value)
        go_next(page)
    assert len(seen) == 3 and min(seen) > 0  # it grows page by page, and the figure follows


def test_a_printed_page_shows_its_content_without_the_player_controls(page, serve, built_site):
    page.goto(serve(built_site(EXAMPLE_MODULE, "2004")) + "/index.html")
    page.emulate_media(media="print")
    expect(heading(page, "Two uses, one item")).to_be_visible()
    for chrome in ("nav.pager", "#toc", ".notices", "#progress-meter"):
        expect(page.locator(chrome)).to_be_hidden()
    # The page is laid out at its full height, not cut to the window inside a scrolling area.
    assert page.evaluate("getComputedStyle(document.getElementById('player-scroll')).overflowY") == "visible"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
