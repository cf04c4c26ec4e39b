"""`stce-scorm report` on a full simulated cohort (200 seeded learners, tests/report/cohort.py) exported in
Moodle's Interactions report format: the shipped sample is what the generator writes, the reader gets every
attempt back, and the statistics agree with values computed independently (statistics.correlation, by hand)."""

from __future__ import annotations

import math
import os
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from cohort import LEARNERS, moodle_export, simulate
from repo_paths import EXAMPLE_MODULE, REPO
from stce_scorm import load_module
from stce_scorm.cli import main
from stce_scorm.errors import UsageError
from stce_scorm.report import analyse, read_export
from stce_scorm.report.analysis import point_biserial

SAMPLE = REPO / "docs" / "samples" / "moodle-interactions-dual_use_basics.txt"
MODULE, _ = load_module(EXAMPLE_MODULE)
ATTEMPTS = simulate(MODULE)


def test_the_shipped_sample_is_the_generators_output():
    """Refresh with: STCE_UPDATE_SAMPLES=1 .venv/bin/pytest tests/report"""
    text = moodle_export(MODULE, ATTEMPTS)
    if os.environ.get("STCE_UPDATE_SAMPLES"):
        SAMPLE.write_text(text, encoding="utf-8")
    assert SAMPLE.read_text(encoding="utf-8") == text


def test_the_reader_gets_every_attempt_and_response_back():
    attempts = read_export(SAMPLE)
    assert len({a.learner for a in attempts}) == LEARNERS
    assert len(attempts) == len(ATTEMPTS) > LEARNERS  # some learners retook the test
    for read, truth in zip(attempts, ATTEMPTS):
        assert (read.learner, read.attempt) == (truth[0].learner, truth[0].attempt)
        assert [(r.item_id, r.response, r.correct) for r in read.responses] == [
            (t.item_id, t.response, t.correct) for t in truth]


def test_facility_and_discrimination_match_an_independent_computation():
    items, _ = analyse(MODULE, read_export(SAMPLE))
    results: dict[str, list[int]] = defaultdict(list)
    rests: dict[str, list[float]] = defaultdict(list)
    for records in ATTEMPTS:  # from the simulation's own records, not from the reader
        for r in records:
            others = [o.correct for o in records if o is not r]
            results[r.item_id].append(int(r.correct))
            rests[r.item_id].append(sum(others) / len(others))
    assert {i.item_id for i in items} == set(results)
    for item in items:
        assert item.attempts == len(results[item.item_id])
        assert item.facility == pytest.approx(sum(results[item.item_id]) / len(results[item.item_id]))
        # Pearson's r of a 0/1 variable and a score is the point-biserial correlation.
        expected = statistics.correlation(results[item.item_id], rests[item.item_id])
        assert item.discrimination == pytest.approx(expected, abs=1e-9), item.item_id


def test_point_biserial_on_a_case_worked_by_hand():
    # results 1,1,0,0; rest scores 1, .5, .5, 0: M1 = .75, M0 = .25, s = sqrt(.125), p = q = .5
    assert point_biserial([1, 1, 0, 0], [1, 0.5, 0.5, 0]) == pytest.approx(0.5 / math.sqrt(0.125) * 0.5)
    assert point_biserial([1, 1, 0, 0], [1, 0.5, 0.5, 0]) == pytest.approx(1 / math.sqrt(2))
    assert point_biserial([1, 1, 1], [0.2, 0.5, 0.9]) is None  # no variation: no correlation


def test_flags_and_option_counts_find_the_items_made_to_misbehave():
    items = {i.item_id: i for i in analyse(MODULE, read_export(SAMPLE))[0]}
    assert items["q_signs_count"].discrimination < 0
    assert any(f.startswith("negative discrimination") for f in items["q_signs_count"].flags)
    assert "distractor 'c' never chosen" in items["q_define"].flags
    truth = Counter(r.response for records in ATTEMPTS for r in records if r.item_id == "q_define")
    counts = {o.option: o.count for o in items["q_define"].options}
    assert counts == {"a": truth["q_define_a"], "b": truth["q_define_b"], "c": 0}
    assert [o.key for o in items["q_define"].options] == [True, False, False]
    assert all(i.attempts >= 20 for i in items.values())


def test_mastery_per_objective_from_each_learners_latest_attempt():
    _, mastery = analyse(MODULE, read_export(SAMPLE))
    objective_of = {q.id: q.objective for q in MODULE.all_questions()}
    latest = {}
    for records in ATTEMPTS:
        latest[records[0].learner] = records  # attempts come in order
    for m in mastery:
        shares = [sum(r.correct for r in mine) / len(mine) for records in latest.values()
                  if (mine := [r for r in records if objective_of[r.item_id] == m.objective])]
        assert (m.learners, m.mastered) == (len(shares), sum(s >= 0.8 for s in shares)), m.objective


def test_cli_writes_html_and_csv(tmp_path: Path):
    result = CliRunner().invoke(main, ["report", str(EXAMPLE_MODULE), str(SAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "dual_use_basics-item-analysis.html").read_text(encoding="utf-8")
    rows = (tmp_path / "dual_use_basics-item-analysis.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "item,type,objective,attempts,facility,discrimination,options,flags"
    assert len(rows) == 1 + 9 and rows[1].startswith("q_define,single_choice,o1_define,")
    assert "a*=" in rows[1] and "c=0" in rows[1]
    assert f"{len(ATTEMPTS)} attempt(s) by {LEARNERS} learner(s)" in html


def test_a_file_no_reader_knows_is_refused_with_a_hint(tmp_path: Path):
    other = tmp_path / "grades.csv"
    other.write_text("Name,Grade\nA,80\n", encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        read_export(other)
    assert "no reader recognises this file" in raised.value.format_message()
    with pytest.raises(UsageError) as raised:
        read_export(other, "moodle")
    assert "is not a Moodle interactions report" in raised.value.format_message()
