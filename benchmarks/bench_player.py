"""Learner player benchmark: how large the player is, and what the first page costs a learner.

Prints figures, not verdicts. Targets (issue 14), for a person to compare against: the first page
interactive in at most 150 ms (median), at most 150 KB transferred for it before compression, in at most
5 requests, for the WMD module and for a generated 1,000-page module, in headless Chromium, loaded from
the built package served on 127.0.0.1 and from file://. The player's own JS + CSS were meant to stay
under 40 KB minified.

- Size: each package's player scripts and theme stylesheets as shipped (the player script minified by
  rjsmin at build, the stylesheets as written), then as terser and csso (the npm packages scripts/setup
  installs, measured only) would make them, and that gzipped.
- First page: a fresh browser context per load (a first launch: no LMS in the frame, empty storage).
  Interactive: `STCE.readyAt`, which the player sets when the first page shows and its controls work, in
  ms since navigation start. Painted: the first frame after that, layout and paint included (a
  requestAnimationFrame callback, then a task: the same "after paint" the player waits for), which is
  what a learner sees. Each as the median of --loads (at least 15), with the spread: fastest, 10th and
  90th percentile, slowest. The first page's requests are index.html and every
  file requested until the page is interactive and the network is quiet, except the fragments the player
  prefetches while idle (`pages/*.js` requested after readyAt: counted apart). Bytes are the files'
  sizes in the package (before compression), so file:// and http:// count alike.
- The generated module is benchmarks/bench_build.py's generator at 1,000 pages (20 lessons) and 50 images; its saved state
  exceeds SCORM 1.2's 4,096 characters, so only its SCORM 2004 package is built.

Usage:  .venv/bin/python benchmarks/bench_player.py [--loads N] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import Browser, sync_playwright

from stce_scorm import build

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "modules" / "wmd_emerging_tech"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
MINIFY_CSS = "process.stdout.write(require('csso').minify(require('fs').readFileSync(0, 'utf8')).css)"
TARGET_MS, TARGET_BYTES, TARGET_REQUESTS = 150, 150_000, 5

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import generate_module  # noqa: E402  (the perf-build benchmark's seeded module)


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


@dataclass
class FirstPage:
    """What loading one package cost, over several loads."""

    ready_ms: list[float] = field(default_factory=list)
    painted_ms: list[float] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # of the last load: the first page's files, in order
    prefetched: list[str] = field(default_factory=list)


def first_page(browser: Browser, url: str, site: Path, loads: int) -> FirstPage:
    """Loads `url` `loads` times in fresh contexts; the files of the first page are those of the last load."""
    result = FirstPage()
    for _ in range(loads):
        context = browser.new_context()  # fresh storage: a first launch every time
        page = context.new_page()
        page.add_init_script(PAINTED)
        requested: list = []
        page.on("request", lambda request: requested.append(request))
        page.goto(url)
        page.wait_for_function("window.STCE && STCE.readyAt && window.stcePaintedAt")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the idle prefetch, if any, is requested and done by then
        origin, ready, painted = page.evaluate("[performance.timeOrigin, STCE.readyAt, window.stcePaintedAt]")

        def prefetched(request) -> bool:  # a fragment asked for once the first page was interactive
            return "/pages/" in request.url and request.timing["startTime"] > origin + ready

        result.ready_ms.append(ready)
        result.painted_ms.append(painted)
        result.files = [path_in(site, r.url) for r in requested if not prefetched(r)]
        result.prefetched = [path_in(site, r.url) for r in requested if prefetched(r)]
        context.close()
    return result


# Before the player runs: when it sets STCE.readyAt, note the end of the next frame (rAF, then a task).
PAINTED = """(function () {
  var stce = window.STCE = window.STCE || {}, ready;
  Object.defineProperty(stce, "readyAt", { configurable: true, get: function () { return ready; }, set: function (value) {
    ready = value;
    requestAnimationFrame(function () { setTimeout(function () { window.stcePaintedAt = performance.now(); }, 0); });
  } });
})();"""


def spread(values: list[float]) -> str:
    """Fastest, 10th and 90th percentile, slowest: how far single loads stray from the median."""
    tenths = statistics.quantiles(values, n=10, method="inclusive")
    return f"{min(values):.0f} / {tenths[0]:.0f} / {tenths[-1]:.0f} / {max(values):.0f}"


def path_in(site: Path, url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return "data:"
    path = unquote(parsed.path)
    return str(Path(path).relative_to(site)) if parsed.scheme == "file" else path.lstrip("/")


def size_of(site: Path, files: list[str]) -> int:
    return sum((site / name).stat().st_size for name in files if name != "data:" and (site / name).is_file())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the benchmark's web server did not start on port {port}")


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, ["-" * w for w in widths]] + rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))))


def packages(tmp: Path) -> list[tuple[str, Path]]:
    """(module name, package zip) for both modules: WMD in both versions, the generated one in 2004."""
    generated = generate_module(tmp / "modules", pages=1000, images=50)
    found = []
    for module, versions in ((MODULE, None), (generated, ["2004"])):
        result = build(module, tmp / "out" / module.name, versions=versions, cache_dir=tmp / "cache")
        found += [(module.name, package.path) for package in result.packages]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20, help="loads per package and way in (at least 15)")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = parser.parse_args()
    if args.loads < 15:
        parser.error("--loads: a median needs at least 15 loads to mean something on a shared machine")
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        built = packages(Path(tmp))
        print("stce-scorm learner player benchmark")
        for name, package in built:
            if name == MODULE.name:
                print_table(f"Player size, {package.name} (bytes)", ["file", "shipped", "terser/csso", "terser/csso+gzip"],
                            size_rows(package))
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, package in built:
                site = Path(tmp) / "sites" / package.stem
                with zipfile.ZipFile(package) as archive:
                    archive.extractall(site)
                port = free_port()  # a server in its own process: this one's GIL does not slow it down
                server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                           "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wait_for(port)
                try:
                    for how, url in (("http://127.0.0.1", f"http://127.0.0.1:{port}/index.html"),
                                     ("file://", (site / "index.html").as_uri())):
                        measured = first_page(browser, url, site, args.loads)
                        size = size_of(site, measured.files)
                        median = statistics.median(measured.ready_ms)
                        painted = statistics.median(measured.painted_ms)
                        rows.append([package.name, how, f"{median:.1f}", spread(measured.ready_ms),
                                     f"{painted:.1f}", spread(measured.painted_ms),
                                     f"{size:,} ({size / 1024:.1f} KiB)", str(len(measured.files)),
                                     f"{len(measured.prefetched)} ({size_of(site, measured.prefetched) / 1024:.1f} KiB)"])
                        figures.append({"package": package.name, "from": how, "ready_ms_median": round(median, 1),
                                        "ready_ms_spread": spread(measured.ready_ms),
                                        "painted_ms_median": round(painted, 1),
                                        "painted_ms_spread": spread(measured.painted_ms), "loads": args.loads,
                                        "first_page_bytes": size, "first_page_requests": len(measured.files),
                                        "files": measured.files, "prefetched": measured.prefetched})
                finally:
                    server.terminate()
                    server.wait()
            browser.close()
        print_table(f"First page (first launch, {args.loads} loads each, headless Chromium, load average "
                    f"{os.getloadavg()[0]:.1f}); targets: median <= {TARGET_MS} ms, <= {TARGET_BYTES:,} bytes before "
                    f"compression, <= {TARGET_REQUESTS} requests; spread: fastest / 10th / 90th percentile / slowest",
                    ["package", "from", "interactive median ms", "spread", "painted median ms", "spread",
                     "first-page bytes", "requests",
                     "prefetched when idle"], rows)
        for figure in figures:
            print(f"  {figure['package']} ({figure['from']}): {', '.join(figure['files'])}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
