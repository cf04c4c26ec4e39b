"""LMS benchmark: what the player costs a slow LMS at launch, and what the LMS must send at close.

Prints figures, not verdicts. Targets from issue 9, for a person to compare against: with an LMS whose
every API call takes 300 ms, the first page must not wait for writes (a handful of reads only), and the
worst-case save at close must stay well under the 64 KB browsers allow during page dismissal (the build
warns above 48 KB).

- Close: the build's worst case (check/close_request.py) per SCORM version, for the real module.
- Launch: the real module's packages in the LMS stand-in of the tests (tests/lms: scorm-again in a
  Moodle-like launcher) with 300 ms per call, first launch and resume: API calls up to the first
  Commit, calls before the first write, and `STCE.readyAt` (first page interactive, ms since the SCO
  frame started loading); median of --loads launches.

Usage:  .venv/bin/python benchmarks/bench_lms.py [--loads N] [--latency MS]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from stce_scorm import build, load_module
from stce_scorm.check.close_request import CLOSE_BUDGET, worst_case_close_request

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "modules" / "wmd_emerging_tech"
sys.path.insert(0, str(ROOT / "tests"))
from lms.lms_harness import LmsServer, api_log, launch  # noqa: E402  (the tests' LMS stand-in)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def close_table() -> None:
    module, _ = load_module(MODULE)
    print(f"Worst-case save at close, {MODULE.name} (budget {CLOSE_BUDGET // 1024} KB, browsers' limit 64 KB)")
    print(f"{'version':<8} {'bytes':>8} {'KB':>6} {'per attempt':>12} {'attempts':>9}")
    for version in ("1.2", "2004"):
        r = worst_case_close_request(module, version)
        print(f"{version:<8} {r.total:>8,} {r.total / 1024:>6.1f} {r.per_attempt:>12,} {r.attempts:>9}"
              + ("  (unlimited)" if r.unlimited else ""))


def launch_figures(browser, server: LmsServer, version: str, latency: int, attempt: str) -> tuple[int, int, float]:
    """(calls up to the first Commit, calls before the first write, first page interactive in ms)."""
    page = browser.new_context().new_page()
    frame = launch(page, server, version, latency=str(latency), attempt=attempt)
    frame.wait_for_function("window.STCE && STCE.readyAt", timeout=120_000)
    ready = frame.evaluate("STCE.readyAt")
    page.wait_for_function("lmsLog.some(c => /Commit$/.test(c.name))", timeout=120_000)
    log = api_log(page)
    to_commit = next(i for i, c in enumerate(log) if c["name"].endswith("Commit")) + 1
    before_write = next(i for i, c in enumerate(log) if c["name"].endswith(("SetValue", "Commit")))
    page.context.close()
    return to_commit, before_write, ready


def launch_table(loads: int, latency: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = build(MODULE, Path(tmp) / "out", cache_dir=Path(tmp) / "cache")
        print(f"\nLaunch against an LMS taking {latency} ms per call, {MODULE.name}, median of {loads}")
        print(f"{'version':<8} {'launch':<7} {'calls to 1st Commit':>20} {'calls before 1st write':>23} "
              f"{'first page (ms)':>16}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for package in result.packages:
                site = Path(tmp) / package.version
                with zipfile.ZipFile(package.path) as archive:
                    archive.extractall(site)
                with LmsServer(site) as server:
                    launch_figures(browser, server, package.version, 0, "earlier")  # a session to resume
                    for kind in ("first", "resume"):
                        runs = []
                        for n in range(loads):
                            if kind == "resume":
                                server.preload(f"resume{n}", server.stored("earlier"))
                            runs.append(launch_figures(browser, server, package.version, latency, f"{kind}{n}"))
                        calls, before, ready = (statistics.median(r[i] for r in runs) for i in range(3))
                        print(f"{package.version:<8} {kind:<7} {calls:>20.0f} {before:>23.0f} {ready:>16.0f}")
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--latency", type=int, default=300)
    args = parser.parse_args()
    close_table()
    launch_table(args.loads, args.latency)


if __name__ == "__main__":
    main()
