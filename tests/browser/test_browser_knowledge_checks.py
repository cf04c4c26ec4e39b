"""Knowledge-check choices are shuffled per learner, stay in that order when the learner comes back, and
keep the author's order where a question says `shuffle: false`; through the LMS runtime in both versions."""

from __future__ import annotations

from playwright.sync_api import expect

from lms.lms_harness import launch
from repo_paths import EXAMPLE_MODULE, UNSHUFFLED_CHOICES

ORDER = "els => els.map(e => e.getAttribute('data-choice'))"
CHOICES = '[data-question="kc_l2_act"] [data-choice]'



def open_the_check(frame) -> None:
    """Go to the check's page: its fragment (pages/*.js) arrives with it."""
    frame.get_by_role("link", name="What you do").click()
    expect(frame.locator(CHOICES)).to_have_count(3)


def orders_of_learners(page, server, version, learners: int) -> list[list[str]]:
    orders = []
    for n in range(learners):
        frame = launch(page, server, version, attempt=f"learner{n}")
        open_the_check(frame)
        orders.append(frame.locator(CHOICES).evaluate_all(ORDER))
    return orders


def test_each_learner_gets_a_shuffled_order_kept_on_resume(page, lms, built_site, version):
    server = lms(built_site(EXAMPLE_MODULE, version))
    orders = orders_of_learners(page, server, version, 8)
    assert all(sorted(order) == ["a", "b", "c"] for order in orders)
    assert len({tuple(order) for order in orders}) > 1, orders  # 8 learners, one order: not shuffled

    frame = launch(page, server, version, attempt="returning")
    open_the_check(frame)
    first = frame.locator(CHOICES).evaluate_all(ORDER)
    frame.get_by_role("radio", name="Hold the goods under national law and contact the licensing authority.").check()
    frame.get_by_role("button", name="Check answer").click()
    expect(frame.get_by_text("Yes. Hold the goods and ask the experts (reach-back).")).to_be_visible()
    page.close(run_before_unload=True)
    server.wait_for_commits(1, attempt="returning", final=True)
    again = launch(page.context.new_page(), server, version, attempt="returning")
    expect(again.locator(CHOICES)).to_have_count(3)  # resumed on the check's page
    assert again.locator(CHOICES).evaluate_all(ORDER) == first
    expect(again.get_by_role("radio", name="Hold the goods under national law and contact the licensing authority.")
           ).to_be_checked()


def test_shuffle_false_keeps_the_authors_order(page, lms, built_site, version):
    server = lms(built_site(UNSHUFFLED_CHOICES, version))
    orders = orders_of_learners(page, server, version, 6)
    assert orders == [["a", "b", "c"]] * 6
