"""Preview benchmark: from saving one lesson file to the rebuilt page being served, for the WMD module.

Prints figures, not verdicts (issue 14's target is 0.3 s). A copy of `modules/wmd_emerging_tech` is served
by the real preview server (watching the folder, as `stce-scorm preview` does); each run appends a new word to
a paragraph of one lesson file, waits for the server's next build as the emulator page does (`/status?after=N`
answers once a build after N is done) and fetches the served file of the SCORM 1.2 package that holds the word
(the lesson's fragment, pages/*.js, found once and fetched again at each save). save-to-served = the wall time
from just before the file is written to that file's answer holding the word: the watcher's wait for the save
to settle, the build, and both HTTP requests. The server's own build time is printed beside it, wall and CPU
(CPU of the building thread: what the load of other processes on a shared machine does not change).

Then, unless --no-browser, the same in real Chromium (Debian's /usr/bin/chromium): save-to-shown, from the save
to the word being visible in the emulator page's SCO frame, open on the page that holds it.

Usage:  .venv/bin/python benchmarks/bench_preview.py [--saves 7] [--no-browser]
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
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


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
                # A build may read the file half written (a busy machine can pause the writer between truncating
                # and writing): it fails, and the next build, started by the rest of the write, serves the word.
                # The time runs until the word is served.
                while True:
                    status = json.loads(fetch(f"{server.url}status?after={number}"))
                    number = status["build"]
                    if status["ok"]:
                        if holder and word in fetch(server.url + holder):
                            break
                        holder = _holder(server, word)  # the first save, or the page moved: looked for, and timed
                        if holder and word in fetch(server.url + holder):
                            break
                    if time.perf_counter() > started + 30:
                        raise RuntimeError(f"the edit is not served; build status: {json.dumps(status)}")
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


def measure_shown(saves: int) -> list[float]:
    """Save-to-shown in real Chromium: the emulator page open with the SCO on the lesson's last page (where the
    word goes), the wall time from the save to the word being visible in the SCO frame: the page hears of the
    build, relaunches the SCO, which resumes on that page and adds its fragment. The first save is not counted."""
    from playwright.sync_api import sync_playwright

    shown: list[float] = []
    with tempfile.TemporaryDirectory(prefix="stce-bench-preview-") as tmp:
        module = Path(tmp) / MODULE.name
        shutil.copytree(MODULE, module)
        lesson = module / LESSON
        with PreviewServer(module, port=0, scorm_again_dir=SCORM_AGAIN_DIST, cache_dir=Path(tmp) / "cache") as server, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url)
            sco = page.frame_locator('iframe[title="SCO"]')
            sco.locator("h1").first.wait_for()
            last_page = f"{_lesson_id(lesson)}-{_last_page_id(lesson)}"
            frame = next(frame for frame in page.frames if "/sco/" in frame.url)
            frame.evaluate(f"location.hash = '#{last_page}'")
            sco.locator(f"#{last_page}-title").wait_for()
            time.sleep(1.0)  # the player has told the LMS where the learner is; the watcher is watching
            for run in range(saves + 1):
                word = f"shownword{run}"
                text = lesson.read_text(encoding="utf-8")
                started = time.perf_counter()
                lesson.write_text(text.rstrip("\n") + f" {word}\n", encoding="utf-8")
                sco.get_by_text(word).first.wait_for(timeout=30_000)
                if run:
                    shown.append(time.perf_counter() - started)
            browser.close()
    return shown


def _lesson_id(lesson: Path) -> str:
    return next(line.split(":", 1)[1].strip() for line in lesson.read_text(encoding="utf-8").splitlines()
                if line.startswith("id:"))


def _last_page_id(lesson: Path) -> str:
    return [line.rsplit("{#", 1)[1].rstrip("}") for line in lesson.read_text(encoding="utf-8").splitlines()
            if line.startswith("# ") and "{#" in line][-1]


def _holder(server: PreviewServer, word: bytes) -> str:
    """The served path of the SCORM 1.2 package's file that holds `word` (index.html or a fragment)."""
    site = server.builds.site("1.2") if server.builds else None
    found = [f for f in sorted(site.rglob("*")) if f.is_file() and word in f.read_bytes()] if site else []
    return "sco/12/" + found[0].relative_to(site).as_posix() if site and found else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=7, help="saves to measure; the median is printed (default 7)")
    parser.add_argument("--no-browser", action="store_true", help="skip the save-to-shown figure in Chromium")
    args = parser.parse_args()
    figures = measure(args.saves)
    load = os.getloadavg()[0]
    print(f"preview, {MODULE.name}, median of {args.saves} saves of {LESSON} (load average {load:.1f} "
          f"on {os.cpu_count()} cores):")
    print(f"  save-to-served {statistics.median(figures.served):.3f} s wall (best {min(figures.served):.3f} s, "
          f"worst {max(figures.served):.3f} s); first save {figures.first:.3f} s (not counted)")
    print(f"  server rebuild {statistics.median(figures.builds):.3f} s wall, "
          f"{statistics.median(figures.cpu):.3f} s CPU; lesson rebuilt alone in {sum(figures.alone)} of {args.saves}")
    if not args.no_browser:
        shown = measure_shown(args.saves)
        print(f"  save-to-shown in Chromium (the emulator page relaunches the SCO on the edited page) "
              f"{statistics.median(shown):.3f} s wall (best {min(shown):.3f} s, worst {max(shown):.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
