"""How long `stce-scorm workshop` takes and how large its files are, for both bundled modules.

Figures only, no pass/fail: .venv/bin/python benchmarks/bench_workshop.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pptx import Presentation

from stce_scorm.workshop import write_workshop

REPO = Path(__file__).resolve().parents[1]
MODULES = [REPO / "examples" / "dual_use_basics", REPO / "modules" / "wmd_emerging_tech"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print(f"{'module':<22} {'median s':>9} {'slides':>7} {'pptx KiB':>9} {'guide KiB':>10} {'handout KiB':>12}")
    for module in MODULES:
        times = []
        with tempfile.TemporaryDirectory() as out:
            for _ in range(runs):
                start = time.perf_counter()
                kit = write_workshop(module, Path(out))
                times.append(time.perf_counter() - start)
            slides = len(Presentation(kit.slides).slides)
            print(f"{module.name:<22} {statistics.median(times):>9.2f} {slides:>7} "
                  f"{kit.slides.stat().st_size / 1024:>9.1f} {kit.guide_pdf.stat().st_size / 1024:>10.1f} "
                  f"{kit.handout_pdf.stat().st_size / 1024:>12.1f}")


if __name__ == "__main__":
    main()
