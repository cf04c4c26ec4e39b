"""Issue 14's figures in one table, each beside its target, measured in one run on this machine.

Runs the other benchmarks' measurements (bench_build.py: builds and their floor; bench_preview.py: save to
served page; bench_player.py --json, when it has that option: the learner side in headless Chromium) and the
CLI's start-up, then prints one table. A figure is a median; CPU is the process's own user + system time.

Usage:  .venv/bin/python benchmarks/report.py [--runs 7] [--generated-runs 3] [--cold-runs 2] [--saves 7]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_build  # noqa: E402  (the benchmarks folder is not a package)
import bench_preview  # noqa: E402

PLAYER_BENCHMARK = Path(__file__).resolve().parent / "bench_player.py"


def row(figure: str, value: float, unit: str, target: float | None, note: str = "") -> list[str]:
    """One line of the table: a figure, its target, and whether it is within it."""
    shown = f"{value:,.2f} {unit}" if unit in ("s", "x") else f"{value:,.0f} {unit}"
    if target is None:
        return [figure, shown, "-", "-", note]
    goal = f"<= {target:,.2f} {unit}" if unit in ("s", "x") else f"<= {target:,.0f} {unit}"
    return [figure, shown, goal, "yes" if value <= target else "NO", note]


def cli_rows(runs: int) -> list[list[str]]:
    rows = []
    for option in ("--version", "--help"):
        measured = [bench_build.run_process([str(bench_build.CLI), option]) for _ in range(runs)]
        rows.append(row(f"stce-scorm {option}, wall", bench_build.median(measured, "wall"), "s", 0.15,
                        f"CPU {bench_build.median(measured, 'cpu'):.2f} s"))
    return rows


def build_rows(runs: int, generated_runs: int, cold_runs: int) -> list[list[str]]:
    wmd = bench_build.measure(bench_build.REAL_MODULE.name, bench_build.REAL_MODULE, runs)
    with tempfile.TemporaryDirectory(prefix="stce-report-") as tmp:
        module = bench_build.generate_module(Path(tmp))
        big = bench_build.measure(module.name, module, generated_runs, cold_runs)
    median = bench_build.median
    return [
        row("WMD build, both versions, warm: CPU", median(wmd.warm, "cpu"), "s", 0.6,
            f"wall {median(wmd.warm, 'wall'):.2f} s"),
        row("WMD build, one page edited (warm caches): CPU", median(wmd.edited, "cpu"), "s", None,
            "the caches keep images and compiled templates only"),
        row("WMD floor (same imports, same files zipped): CPU", median(wmd.floor, "cpu"), "s", None),
        row("WMD warm build / floor", wmd.ratio, "x", 3.0),
        row(f"{big.pages:,}-page module, {big.images} images, warm: wall", median(big.warm, "wall"), "s", 3.0,
            f"CPU {median(big.warm, 'cpu'):.2f} s"),
        row(f"{big.pages:,}-page module, one page edited: CPU", median(big.edited, "cpu"), "s", None),
        row(f"{big.pages:,}-page module, cold: wall", median(big.cold, "wall"), "s", None,
            f"CPU {median(big.cold, 'cpu'):.2f} s, of which image encoding {big.image_share:.0%}"),
        row(f"{big.pages:,}-page module, peak RSS (cold build)", median(big.cold, "rss_mb"), "MiB", 300,
            f"warm {median(big.warm, 'rss_mb'):.0f} MiB"),
    ]


def preview_rows(saves: int) -> list[list[str]]:
    served, builds, cpu = bench_preview.measure(saves)[:3]
    return [row("preview, WMD: save one lesson -> page served", sorted(served)[len(served) // 2], "s", 0.3,
                f"server rebuild {sorted(builds)[len(builds) // 2]:.2f} s, CPU {sorted(cpu)[len(cpu) // 2]:.2f} s")]


def player_rows(loads: int) -> list[list[str]]:
    """The runtime branch's Chromium benchmark, if it is here and speaks JSON."""
    if "--json" not in PLAYER_BENCHMARK.read_text(encoding="utf-8"):
        return [["learner side (bench_player.py)", "not measured", "-", "-",
                 "bench_player.py has no --json yet (the runtime branch's version has)"]]
    done = subprocess.run([sys.executable, str(PLAYER_BENCHMARK), "--loads", str(loads), "--json"],
                          capture_output=True, text=True, check=True)
    rows = []
    for figure in json.loads(done.stdout.strip().splitlines()[-1]):
        name = f"{figure['package']} ({figure['from']})"
        rows.append(row(f"first page interactive, {name}", figure["ready_ms_median"], "ms", 150,
                        f"{figure['loads']} loads, spread {figure['ready_ms_spread']}; painted {figure['painted_ms_median']:.0f}"))
        rows.append(row(f"first-page transfer, {name}", figure["first_page_bytes"] / 1000, "KB", 150))
        rows.append(row(f"first-page requests, {name}", figure["first_page_requests"], "", 5))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="WMD builds and CLI starts (median; default 7)")
    parser.add_argument("--generated-runs", type=int, default=3, help="builds of the 1,000-page module (default 3)")
    parser.add_argument("--cold-runs", type=int, default=2, help="of which cold builds (default 2)")
    parser.add_argument("--saves", type=int, default=7, help="preview saves (default 7)")
    parser.add_argument("--loads", type=int, default=15, help="page loads per package in Chromium (median; default 15)")
    args = parser.parse_args()

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()[0]
    print(f"stce-scorm performance report, {started}: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {load:.1f} at the start", flush=True)
    rows: list[list[str]] = []
    for part, measure in (("CLI start-up", lambda: cli_rows(args.runs)),
                          ("builds", lambda: build_rows(args.runs, args.generated_runs, args.cold_runs)),
                          ("preview", lambda: preview_rows(args.saves)), ("learner side", lambda: player_rows(args.loads))):
        try:
            rows += measure()
        except Exception as failure:  # noqa: BLE001 - one failed part must not hide the others' figures
            rows.append([part, "failed", "-", "-", str(failure).splitlines()[0][:100]])
        print(f"  measured: {part}", file=sys.stderr, flush=True)
    bench_build.print_table("", ["figure (issue 14)", "measured", "target", "within", "note"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
