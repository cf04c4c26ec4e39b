"""Preview benchmark: from saving one lesson file to the rebuilt page being served, for the WMD module.

Prints figures, not verdicts (issue 14's target is 0.3 s). A copy of `modules/wmd_emerging_tech` is served
by the real preview server (watching the folder, as `stce-scorm preview` does); each run appends a new word to
a paragraph of one lesson file, waits for the server's next build as the emulator page does (`/status?after=N`
answers once a build after N is done) and fetches the served file of the SCORM 1.2 package that holds the word
(the lesson's fragment, pages/*.js, found once and fetched again at each save). save-to-served = the wall time
from just before the file is written to that file's answer holding the word: the watcher's wait for the save
to settle, the build, and both HTTP requests. The server's own build time is printed beside it, wall and CPU
(CPU of the building thread: what the load of other processes on a shared machine does not change).

Usage:  .venv/bin/python benchmarks/bench_preview.py [--saves 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

from stce_scorm.preview import PreviewServer

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "modules" / "wmd_emerging_tech"
SCORM_AGAIN_DIST = ROOT / "node_modules" / "scorm-again" / "dist"
LESSON = "lessons/03-classification.md"


class Saves(NamedTuple):
    """Per counted save: save-to-served, the server's build wall and CPU seconds, whether the lesson was
    rebuilt alone; and the first save (it warms the server process's caches, so it is not counted)."""

    served: list[float]
    builds: list[float]
    cpu: list[float]
    alone: list[bool]
    first: float


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def measure(saves: int) -> Saves:
    """Save the lesson `saves` + 1 times and time each save until the edit is served."""
    figures = Saves([], [], [], [], 0.0)
    with tempfile.TemporaryDirectory(prefix="stce-bench-preview-") as tmp:
        module = Path(tmp) / MODULE.name
        shutil.copytree(MODULE, module)
        lesson = module / LESSON
        if not lesson.is_file():
            lesson = sorted((module / "lessons").glob("*.md"))[0]
        with PreviewServer(module, port=0, scorm_again_dir=SCORM_AGAIN_DIST, cache_dir=Path(tmp) / "cache") as server:
            time.sleep(1.0)  # the watcher thread starts watching a moment after the server starts
            holder = ""
            for run in range(saves + 1):  # the first save warms the server process's caches: not counted
                word = f"benchmarkword{run}".encode()
                text = lesson.read_text(encoding="utf-8")
                number = server.status.number
                # The last line of the file is a paragraph's or list's text; a word added there shows on the page.
                started = time.perf_counter()
                lesson.write_text(text.rstrip("\n") + f" {word.decode()}\n", encoding="utf-8")
                while json.loads(fetch(f"{server.url}status?after={number}"))["build"] == number:
                    if time.perf_counter() > started + 30:
                        raise RuntimeError("no rebuild after the save")
                if not holder or word not in fetch(server.url + holder):
                    holder = _holder(server, word)  # the first save, or the page moved: looked for, and timed
                    if not holder or word not in fetch(server.url + holder):
                        raise RuntimeError(f"the edit is not served; build status: {json.dumps(server.status.as_json())}")
                served = time.perf_counter() - started
                status = server.status
                if run:
                    figures.served.append(served)
                    figures.builds.append(status.seconds)
                    figures.cpu.append(status.cpu_seconds)
                    figures.alone.append(bool(status.lessons))
                else:
                    figures = figures._replace(first=served)
    return figures


def _holder(server: PreviewServer, word: bytes) -> str:
    """The served path of the SCORM 1.2 package's file that holds `word` (index.html or a fragment)."""
    site = server.builds.site("1.2") if server.builds else None
    found = [f for f in sorted(site.rglob("*")) if f.is_file() and word in f.read_bytes()] if site else []
    return "sco/12/" + found[0].relative_to(site).as_posix() if site and found else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=7, help="saves to measure; the median is printed (default 7)")
    args = parser.parse_args()
    figures = measure(args.saves)
    load = os.getloadavg()[0]
    print(f"preview, {MODULE.name}, median of {args.saves} saves of {LESSON} (load average {load:.1f} "
          f"on {os.cpu_count()} cores):")
    print(f"  save-to-served {statistics.median(figures.served):.3f} s wall (best {min(figures.served):.3f} s, "
          f"worst {max(figures.served):.3f} s); first save {figures.first:.3f} s (not counted)")
    print(f"  server rebuild {statistics.median(figures.builds):.3f} s wall, "
          f"{statistics.median(figures.cpu):.3f} s CPU; lesson rebuilt alone in {sum(figures.alone)} of {args.saves}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
