"""axe-core, the accessibility engine from npm (pinned in package.json), run inside a page.

`scripts/setup` installs it into node_modules/; its axe.min.js is injected into the page under test, so
the rules run in the same Chromium as every other browser test."""

from __future__ import annotations

from functools import lru_cache

from playwright.sync_api import Frame, Page

from repo_paths import REPO

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best-practice rules that an audit of the player once found broken: all content inside a landmark
# (notices included), landmarks with unique names, scrollable regions reachable by keyboard.
EXTRA_RULES = ["region", "landmark-unique", "scrollable-region-focusable"]

# The player keeps every page in one document and shows one. axe skips hidden content but still walks it,
# which makes a run on the 50-page module several times slower: hidden pages are set aside during the run
# and put back in place after it, the same nodes with their listeners.
RUN = """async ([tags, extra]) => {
  const parked = [...document.querySelectorAll("section[data-page]:not(.current)")]
    .map(section => [section, section.parentNode, section.nextSibling]);
  parked.forEach(([section]) => section.remove());
  try { return await window.stceAxeCheck(tags, extra); }
  finally { parked.reverse().forEach(([section, parent, next]) => parent.insertBefore(section, next)); }
}"""

CHECK = """() => { window.stceAxeCheck = (tags, extra) => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])),
    resultTypes: ["violations"]})
  .then(result => result.violations.flatMap(v => v.nodes.map(node =>
    v.id + ": " + node.target.join(" ") + " (" + node.failureSummary.replace(/\\s+/g, " ").trim() + ")"))); }"""


@lru_cache(maxsize=1)
def axe_source() -> str:
    path = REPO / "node_modules" / "axe-core" / "axe.min.js"
    assert path.is_file(), "run scripts/setup: the npm package axe-core is missing"
    return path.read_text(encoding="utf-8")


def violations(target: Page | Frame) -> list[str]:
    """What axe finds against WCAG 2.2 A/AA (and EXTRA_RULES) in the page as it is now, one line per element."""
    if not target.evaluate("typeof window.axe !== 'undefined'"):
        target.evaluate(axe_source())
        target.evaluate(CHECK)
    return target.evaluate(RUN, [WCAG_TAGS, EXTRA_RULES])
