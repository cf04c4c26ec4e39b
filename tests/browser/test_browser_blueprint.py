"""The runtime draw (runtime/assessment.js, in real Chromium) meets the blueprint in every attempt: many
seeded attempts are drawn and the objectives each one is sure to test are counted."""

from __future__ import annotations

from pathlib import Path

from repo_paths import DRAWS_WITHOUT_BLUEPRINT, EXAMPLE_MODULE

# Per seed: the objectives of the questions the attempt is sure to show (a scenario up to its first branch).
COVERAGE_JS = """async seeds => {
  const assessment = STCE.config.assessments[0];  /* its questions' objectives arrive with its page */
  await new Promise(arrived => STCE.fragments.load("assessment-" + assessment.id, arrived));
  const sure = slot => {
    if (slot.type !== "scenario") return [slot];
    const out = [];
    for (const q of slot.questions) { out.push(q); if (q.branch) break; }
    return out;
  };
  return seeds.map(seed => {
    const counts = {};
    STCE.assessmentSlots(assessment, seed).forEach(slot => sure(slot).forEach(q => {
      counts[q.objective] = (counts[q.objective] || 0) + 1;
    }));
    return counts;
  });
}"""
OBJECTIVES = ["o1_define", "o1_lists", "o2_flags", "o2_act"]
SEEDS = list(range(1, 3001))


def coverage(page, serve, site: Path) -> list[dict[str, int]]:
    page.goto(serve(site) + "/index.html")
    return page.evaluate(COVERAGE_JS, SEEDS)


def test_every_one_of_3000_draws_tests_every_objective(page, serve, built_site):
    attempts = coverage(page, serve, built_site(EXAMPLE_MODULE, "2004"))
    assert len(attempts) == len(SEEDS)
    missed = [(seed, counts) for seed, counts in zip(SEEDS, attempts) if any(counts.get(o, 0) < 1 for o in OBJECTIVES)]
    assert missed == []
    assert len({tuple(sorted(c.items())) for c in attempts}) > 1  # the draws still vary


def test_without_the_blueprint_some_draws_miss_an_objective(page, serve, built_site):
    attempts = coverage(page, serve, built_site(DRAWS_WITHOUT_BLUEPRINT, "2004"))
    missed = [counts for counts in attempts if counts.get("o1_define", 0) == 0]
    # q_define is o1_define's only question; drawing 6 of 7 slots leaves it out about once in 7.
    assert 300 < len(missed) < 600, len(missed)
