"""The player's saved state (runtime/state.js) in real Chromium: it round-trips, and its longest form
is exactly the worst case the build computes (check/budget.py), never more."""

from pathlib import Path

import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm import load_module
from stce_scorm.player import player_contract

WORST_STATE_JS = """seed => {
  const config = STCE.config;
  const worst = q => {
    switch (q.type) {
      case "single_choice": return q.choices.length - 1;
      case "multiple_response": return q.choices.map((_, i) => i);
      case "true_false": return true;
      case "fill_in": return "\\uFFFD".repeat(40);
      case "numeric": return "\\uFFFD".repeat(20);
      case "matching": return q.pairs.map(() => q.pairs.length - 1);
      case "sequencing": return q.items.map(() => q.items.length - 1);
      case "document_inspection": return q.entries.map((_, i) => i);
    }
  };
  const answers = {};
  const add = q => { if (q.type === "scenario") q.questions.forEach(add); else answers[q.id] = worst(q); };
  config.checks.forEach(id => add(config.questions[id]));
  config.assessments.forEach(a => a.pools.forEach(p => p.questions.forEach(add)));
  const state = { page: config.pages.length - 1, visited: config.pages.map(() => true), seed, answers, assessments: {} };
  config.assessments.forEach(a => state.assessments[a.id] = { attemptsUsed: 99999, bestScore: 100, passed: true,
    extensions: 99, seed, phase: 2, elapsed: 99999999, answers });
  const text = STCE.state.encode(state, config);
  const back = STCE.state.decode(text, config);
  return { length: text.length, roundTrip: STCE.state.encode(back, config) === text };
}"""


@pytest.fixture
def site(built_site) -> Path:
    return built_site(EXAMPLE_MODULE, "2004")


def test_longest_state_matches_the_build_budget(page, serve, site):
    page.goto(serve(site) + "/index.html")
    # Seeds of the largest size, varied so that some attempt draws the pool's largest questions.
    results = [page.evaluate(WORST_STATE_JS, 2**30 - 1 - k * 7919) for k in range(60)]
    assert all(r["roundTrip"] for r in results)
    module, _ = load_module(EXAMPLE_MODULE)
    assert max(r["length"] for r in results) == player_contract(module).state_length


def test_state_from_another_build_is_ignored_not_misread(page, serve, site):
    page.goto(serve(site) + "/index.html")
    decoded = page.evaluate("""() => {
      const config = STCE.config;
      const other = Object.assign({}, config, { fingerprint: config.fingerprint + 1 });
      const text = STCE.state.encode({ page: 1, visited: config.pages.map(() => true), answers: {},
        assessments: Object.fromEntries(config.assessments.map(a => [a.id, STCE.newAssessmentState()])) }, other);
      return [STCE.state.decode(text, config), STCE.state.decode("not base64!", config), STCE.state.decode(text, other) !== null];
    }""")
    assert decoded == [None, None, True]
