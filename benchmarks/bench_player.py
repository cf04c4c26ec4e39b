"""Learner player benchmark: how large the player is, and how fast its first page is interactive.

Prints figures, not verdicts. Targets from the player issue, for a person to compare against:
the player's own JS + CSS under 40 KB minified and uncompressed, and the first page interactive in
under 150 ms from a local server in headless Chromium.

- Size: each package's player scripts and theme stylesheets, raw, minified (terser and csso, the
  npm packages scripts/setup installs; the package itself ships unminified, readable code), and gzipped.
- Time: `STCE.readyAt`, which the player sets when the first page is shown and its controls work,
  in milliseconds since navigation start, over --loads fresh page loads of the real module's
  package served on 127.0.0.1 (standalone: no LMS in the frame); median and worst.

Usage:  .venv/bin/python benchmarks/bench_player.py [--loads N]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from stce_scorm import build

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "modules" / "wmd_emerging_tech"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
MINIFY_CSS = "process.stdout.write(require('csso').minify(require('fs').readFileSync(0, 'utf8')).css)"


def minified(name: str, source: bytes) -> bytes:
    """The file as a minifier would ship it (measured only)."""
    if name.endswith(".js"):
        command = [str(ROOT / "node_modules/.bin/terser"), "--compress", "--mangle"]
    else:
        command = ["node", "-e", MINIFY_CSS]
    return subprocess.run(command, input=source, capture_output=True, check=True, cwd=ROOT).stdout


def size_rows(package: Path) -> list[list[str]]:
    with zipfile.ZipFile(package) as archive:
        files = {n: archive.read(n) for n in archive.namelist() if n.startswith(("player/", "theme/"))}
    rows, totals = [], [0, 0, 0]
    for name, data in sorted(files.items()):
        small = minified(name, data)
        figures = [len(data), len(small), len(gzip.compress(small, 9, mtime=0))]
        totals = [a + b for a, b in zip(totals, figures)]
        rows.append([name] + [f"{n:,}" for n in figures])
    rows.append(["total (player JS + theme CSS)"] + [f"{n:,}" for n in totals])
    return rows


def first_page_times(site: Path, loads: int) -> list[float]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(loads):
                context = browser.new_context()  # fresh storage: a first launch every time
                page = context.new_page()
                page.goto(url)
                page.wait_for_function("window.STCE && STCE.readyAt")
                times.append(page.evaluate("STCE.readyAt"))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return times


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, ["-" * w for w in widths]] + rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = build(MODULE, Path(tmp) / "out", cache_dir=Path(tmp) / "cache")
        print(f"stce-scorm learner player benchmark: {MODULE.name}")
        for package in result.packages:
            print_table(f"Player size, SCORM {package.version} package (bytes)",
                        ["file", "raw", "minified", "minified+gzip"], size_rows(package.path))
        package = result.packages[0]
        site = Path(tmp) / "site"
        with zipfile.ZipFile(package.path) as archive:
            archive.extractall(site)
        times = first_page_times(site, args.loads)
        print_table(f"First page interactive (ms since navigation start, {args.loads} loads, headless Chromium)",
                    ["package", "median", "worst"],
                    [[package.path.name, f"{statistics.median(times):.1f}", f"{max(times):.1f}"]])
        print(json.dumps({"first_page_ms_median": round(statistics.median(times), 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
