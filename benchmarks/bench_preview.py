"""Preview benchmark: from saving one lesson file to the rebuilt page being served, for the WMD module.

Prints figures, not verdicts (issue 14's target is 0.3 s). A copy of `modules/wmd_emerging_tech` is served
by the real preview server (watching the folder, as `stce-scorm preview` does); each run appends a new word to
a paragraph of one lesson file, waits for the server's next build (its /status) and fetches the served file of
the SCORM 1.2 package that holds the word (index.html or a page fragment). save-to-served = that wall time; rebuild = the time the server's own build took (its /status).

Usage:  .venv/bin/python benchmarks/bench_preview.py [--saves 7]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from stce_scorm.preview import PreviewServer

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "modules" / "wmd_emerging_tech"
SCORM_AGAIN_DIST = ROOT / "node_modules" / "scorm-again" / "dist"
LESSON = "lessons/03-classification.md"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def measure(saves: int) -> tuple[list[float], list[float]]:
    """(save-to-served seconds, server build seconds) for each save."""
    served, builds = [], []
    with tempfile.TemporaryDirectory(prefix="stce-bench-preview-") as tmp:
        module = Path(tmp) / MODULE.name
        shutil.copytree(MODULE, module)
        lesson = module / LESSON
        if not lesson.is_file():
            lesson = sorted((module / "lessons").glob("*.md"))[0]
        with PreviewServer(module, port=0, scorm_again_dir=SCORM_AGAIN_DIST, cache_dir=Path(tmp) / "cache") as server:
            time.sleep(1.0)  # the watcher thread starts watching a moment after the server starts
            for run in range(saves + 1):  # the first save warms the server process's caches: not counted
                word = f"benchmarkword{run}"
                text = lesson.read_text(encoding="utf-8")
                # The last line of the file is a paragraph's or list's text; a word added there shows on the page.
                started = time.perf_counter()
                lesson.write_text(text.rstrip("\n") + f" {word}\n", encoding="utf-8")
                deadline, number = started + 30, server.status.number
                # Poll the small /status as the emulator page does (fetching the whole page in a loop would
                # compete with the build for the server process), then check the served page holds the word.
                while json.loads(fetch(server.url + "status"))["build"] == number:
                    if time.perf_counter() > deadline:
                        raise RuntimeError("no rebuild after the save")
                    time.sleep(0.01)
                # The lesson's pages are in index.html or in a fragment (pages/*.js): fetch the one that holds the word.
                site = server.builds.site("1.2")
                holders = [f for f in sorted(site.rglob("*")) if f.is_file() and word.encode() in f.read_bytes()]
                if not holders or word.encode() not in fetch(server.url + "sco/12/" + holders[0].relative_to(site).as_posix()):
                    raise RuntimeError(f"the edit is not served; build status: {json.dumps(server.status.as_json())}")
                if run:
                    served.append(time.perf_counter() - started)
                    builds.append(server.status.seconds)
    return served, builds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=7, help="saves to measure; the median is printed (default 7)")
    args = parser.parse_args()
    served, builds = measure(args.saves)
    print(f"preview, {MODULE.name}, median of {args.saves} saves of one lesson file:")
    print(f"  save-to-served {statistics.median(served):.3f} s (worst {max(served):.3f} s); "
          f"server rebuild {statistics.median(builds):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
