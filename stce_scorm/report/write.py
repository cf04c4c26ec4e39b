"""The report's two outputs: an HTML page a training office can read (templates/report.html) and a CSV
of the same item rows for a spreadsheet. Written into a temporary file and renamed: all or nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import jinja2

from stce_scorm.atomic_write import write_atomic
from stce_scorm.report.analysis import (
    FEW_ATTEMPTS, TOO_EASY, TOO_HARD, WEAK_DISCRIMINATION, ItemStats, ObjectiveMastery,
)
from stce_scorm.report.readers import Attempt
from stce_scorm.source.models import Module

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent.parent / "templates")),
    undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True,
)
CSV_COLUMNS = ("item", "type", "objective", "attempts", "facility", "discrimination", "options", "flags")


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def report_csv(items: list[ItemStats]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        options = "; ".join(f"{o.option}{'*' if o.key else ''}={o.count}" for o in item.options)
        writer.writerow((item.item_id, item.type, item.objective, item.attempts, _figure(item.facility),
                         _figure(item.discrimination), options, "; ".join(item.flags)))
    return out.getvalue()


def report_html(module: Module, source: str, attempts: list[Attempt], items: list[ItemStats],
                mastery: list[ObjectiveMastery]) -> str:
    return _TEMPLATES.get_template("report.html").render(
        module=module.config, source=source, attempts=len(attempts), items=items, mastery=mastery, figure=_figure,
        learners=len({a.learner for a in attempts}),
        thresholds={"easy": TOO_EASY, "hard": TOO_HARD, "weak": WEAK_DISCRIMINATION, "few": FEW_ATTEMPTS},
    )


def write_report(module: Module, source: Path, attempts: list[Attempt], items: list[ItemStats],
                 mastery: list[ObjectiveMastery], out_dir: Path) -> tuple[Path, Path]:
    """Write `<module id>-item-analysis.html` and `.csv` into `out_dir`; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{module.config.id}-item-analysis.html"
    csv_path = out_dir / f"{module.config.id}-item-analysis.csv"
    write_atomic(html_path, report_html(module, source.name, attempts, items, mastery))
    write_atomic(csv_path, report_csv(items))
    return html_path, csv_path
