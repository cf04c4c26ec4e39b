"""Build benchmark: how long a build takes and how large its packages are.

Prints figures, not verdicts: there are no thresholds, so the numbers can be compared across
commits and machines by a person. The only failure is a build that fails (exit status 1).

Two modules are measured: the real `modules/wmd_emerging_tech`, and a generated 500-page module
with large photos, which is where image processing and the image cache show. "Cold" builds start
from an empty image cache and an empty output folder; "warm" builds are a second build into the
same output folder with the cache the cold build filled. Every figure is the median of --runs runs.

Usage:  .venv/bin/python benchmarks/bench_build.py [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import PIL
import yaml
from PIL import Image, ImageDraw

from stce_scorm import StceError, build, load_and_check

ROOT = Path(__file__).resolve().parent.parent
REAL_MODULE = ROOT / "modules" / "wmd_emerging_tech"
SEED = 1540  # any fixed number: the generated module must be the same on every run and machine


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Package:
    version: str
    zip_bytes: int
    index_bytes: int  # index.html uncompressed
    index_zipped: int  # index.html as stored in the zip


@dataclass
class Measured:
    """Everything measured for one module; the tables below read from it."""

    name: str
    pages: int
    images: int
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    load_check: list[float] = field(default_factory=list)
    packages: list[Package] = field(default_factory=list)


def timed(fn: Callable, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def measure(name: str, module_dir: Path, runs: int) -> Measured:
    """Cold build, warm build and load+check, `runs` times each, each cold run in fresh folders."""
    module, _ = load_and_check(module_dir)  # also warms imports, so run 1 is not penalised
    media = module_dir / "media"
    measured = Measured(name, sum(len(lesson.pages) for lesson in module.lessons),
                        sum(1 for f in media.iterdir() if f.is_file()) if media.is_dir() else 0)
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="stce-bench-") as tmp:
            cache, out = Path(tmp) / "cache", Path(tmp) / "out"
            seconds, result = timed(build, module_dir, out, cache_dir=cache)
            measured.cold.append(seconds)
            seconds, result = timed(build, module_dir, out, cache_dir=cache)
            measured.warm.append(seconds)
            measured.packages = [package_figures(p.version, p.path) for p in result.packages]
        measured.load_check.append(timed(load_and_check, module_dir)[0])
    return measured


def package_figures(version: str, path: Path) -> Package:
    with zipfile.ZipFile(path) as archive:
        index = archive.getinfo("index.html")
    return Package(version, path.stat().st_size, index.file_size, index.compress_size)


# --- tables ------------------------------------------------------------------------------------
# Each table is a function from the measured modules to (header, rows). To add figures, write one
# more function and list it in TABLES.


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):8.3f} s"


def kib(size: int) -> str:
    return f"{size:,} B ({size / 1024:,.1f} KiB)"


def build_time_table(modules: list[Measured]) -> tuple[list[str], list[list[str]]]:
    header = ["module", "pages", "images", "cold build", "warm build", "load+check", "rest (cold)", "rest (warm)"]
    rows = []
    for m in modules:
        lc, cold, warm = (statistics.median(v) for v in (m.load_check, m.cold, m.warm))
        rows.append([m.name, str(m.pages), str(m.images), seconds(m.cold), seconds(m.warm), seconds(m.load_check),
                     f"{cold - lc:8.3f} s", f"{warm - lc:8.3f} s"])
    return header, rows


def package_table(modules: list[Measured]) -> tuple[list[str], list[list[str]]]:
    header = ["module", "SCORM", "zip", "index.html", "index.html zipped"]
    rows = [[m.name, p.version, kib(p.zip_bytes), kib(p.index_bytes), kib(p.index_zipped)]
            for m in modules for p in m.packages]
    return header, rows


# Later: a "Learner player" table (player JS + theme CSS size; first-page-interactive time in
# headless Chromium) goes here, as one more function of the same shape.
TABLES = [("Build time (median)", build_time_table), ("Packages", package_table)]


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(f"\n{title}\n{line(header)}\n{'  '.join('-' * w for w in widths)}")
    for row in rows:
        print(line(row))


def dominant_phase(m: Measured) -> str:
    """Which phase a build spends most time in: load+check, or everything after it."""
    lc = statistics.median(m.load_check)
    parts = []
    for kind, values in (("cold", m.cold), ("warm", m.warm)):
        total = statistics.median(values)
        share = lc / total if total else 0
        winner = "load+check" if share > 0.5 else "render+package+verify"
        parts.append(f"{kind}: {winner} ({max(share, 1 - share):.0%})")
    return f"{m.name}: " + "; ".join(parts)


# --- the generated module ----------------------------------------------------------------------
# Same source format as examples/dual_use_basics; sized like a large real course.

LESSONS, PAGES_PER_LESSON, PHOTOS, DRAWINGS, QUESTIONS = 10, 50, 20, 5, 100
WORDS = """customs officer declaration shipment consignee exporter licence authority control list
item goods border route transit risk indicator profile inspection document invoice value
description end user broker carrier container manifest seal machine tool component software
technology transfer classification regime national law enforcement detention release sample
laboratory analysis specification tolerance alloy composite sensor controller drone printer
powder precursor fermenter centrifuge valve pump diagnostic procedure evidence report
referral reach-back intelligence targeting audit compliance company register origin""".split()
TERMS = ["dual-use item", "control list", "end user", "catch-all control", "licensing authority",
         "transit", "transhipment", "brokering", "intangible transfer", "risk indicator", "reach-back",
         "end-use statement", "commodity identification", "technical data", "deemed export"]
TYPES = ["single_choice", "multiple_response", "true_false", "fill_in", "numeric", "matching", "sequencing"]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(9, 22))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"[[{rng.choice(TERMS)}]]")
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6)) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))
    return textwrap.fill(text, 100, break_long_words=False, break_on_hyphens=False)


def title(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(2, 5))).capitalize()


def page(rng: random.Random, number: int, figure: str | None, check: str | None) -> str:
    """One page: paragraphs, and by turns a note, accordion, tabs, list, figure or check."""
    parts = [f"# {title(rng)}", paragraph(rng)]
    if number % 4 == 0:
        parts.append(f"::: note {title(rng)}\n{paragraph(rng, (1, 3))}\n:::")
    parts.append(paragraph(rng))
    if figure:
        parts.append(f"::: figure\n![{title(rng)} shown in a photo or drawing.]({figure})\n{sentence(rng)}\n:::")
    if number % 6 == 1:
        panels = "\n".join(f"::: panel {title(rng)}\n{paragraph(rng, (1, 3))}\n:::" for _ in range(3))
        parts.append(f":::: accordion\n{panels}\n::::")
    if number % 9 == 2:
        tabs = "\n".join(f"::: tab {title(rng)}\n{paragraph(rng, (1, 3))}\n:::" for _ in range(3))
        parts.append(f":::: tabs\n{tabs}\n::::")
    if number % 5 == 3:
        parts.append("## " + title(rng) + "\n\n" + "\n".join(f"- {sentence(rng)}" for _ in range(4)))
    if number % 7 == 5:
        parts.append(f"::: {rng.choice(['tip', 'warning'])}\n{paragraph(rng, (1, 2))}\n:::")
    parts.append(paragraph(rng))
    if check:
        parts.append(f"::: check {check}\n:::")
    return "\n\n".join(parts)


def question(rng: random.Random, qid: str, kind: str, objective: str | None) -> dict:
    """A question of `kind` with distinct options, in the shape models.py declares."""
    q: dict = {"id": qid, "type": kind, "prompt": sentence(rng).rstrip(".") + "?"}
    if objective:
        q["objective"] = objective
    options = [f"{sentence(rng)} ({n})" for n in range(4)]  # the suffix keeps options distinct
    if kind in ("single_choice", "multiple_response"):
        q["choices"] = [{"id": "abcd"[n], "text": text} for n, text in enumerate(options)]
        q["choices"][1]["feedback"] = sentence(rng)
        q["correct"] = rng.choice("abcd") if kind == "single_choice" else sorted(rng.sample("abcd", 2))
    elif kind == "true_false":
        q["correct"] = rng.random() < 0.5
    elif kind == "fill_in":
        q["accepted"] = ["licence", "license"]
    elif kind == "numeric":
        q["correct"] = {"value": rng.randint(1, 9)} if rng.random() < 0.5 else {"min": 10, "max": 20}
    elif kind == "matching":
        q["pairs"] = [{"id": "abcd"[n], "source": term, "target": text}
                     for n, (term, text) in enumerate(zip(rng.sample(TERMS, 4), options))]
    elif kind == "sequencing":
        q["items"] = [{"id": "abcd"[n], "text": text} for n, text in enumerate(options)]
    q["feedback"] = {"correct": paragraph(rng, (1, 2)), "incorrect": paragraph(rng, (2, 3))}
    return q


def write_photo(rng: random.Random, path: Path, size: tuple[int, int] = (3000, 2000)) -> None:
    """A camera-like JPEG: smooth colour, grain, shapes, and EXIF with a GPS position to strip."""
    w, h = size
    small = Image.frombytes("RGB", (w // 50, h // 50), rng.randbytes(3 * (w // 50) * (h // 50)))
    img = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", size, rng.randbytes(w * h)).convert("RGB")
    img = Image.blend(img, grain, 0.12)
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rng.randrange(w), rng.randrange(h)
        box = (x, y, x + rng.randint(100, 900), y + rng.randint(100, 700))
        fill = tuple(rng.randrange(256) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)(box, fill=fill)
    exif = Image.Exif()
    exif.update({0x010F: "BenchCam", 0x0110: "Model 7", 0x0132: "2024:05:01 10:00:00",
                 0x0112: rng.choice([1, 1, 1, 6])})  # some photos upright only by their EXIF flag
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 51.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)})
    img.save(path, "JPEG", quality=90, exif=exif)


def write_drawing(rng: random.Random, path: Path) -> None:
    shapes = "\n".join(
        f'  <rect x="{rng.randrange(300)}" y="{rng.randrange(180)}" width="{rng.randint(20, 100)}" '
        f'height="{rng.randint(20, 60)}" fill="#{rng.randrange(0x1000000):06x}"/>' for _ in range(15))
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 240" width="400" height="240" '
                    f'role="img">\n  <title>{title(rng)}</title>\n{shapes}\n</svg>\n', encoding="utf-8")


def generate_module(root: Path, lesson_count: int = LESSONS, pages_per_lesson: int = PAGES_PER_LESSON) -> Path:
    """Write the generated module (`lesson_count` x `pages_per_lesson` pages, 500 by default) under `root` and
    return its folder; same bytes for the same SEED and size."""
    rng = random.Random(SEED)
    module_id = f"generated_{lesson_count * pages_per_lesson}"
    module = root / module_id
    for folder in ("lessons", "media", "quizzes"):
        (module / folder).mkdir(parents=True, exist_ok=True)
    media = [f"media/photo-{n:02d}.jpg" for n in range(PHOTOS)] + [f"media/diagram-{n}.svg" for n in range(DRAWINGS)]
    for src in media:
        (write_photo if src.endswith(".jpg") else write_drawing)(rng, module / src)
    total_pages = lesson_count * pages_per_lesson
    figure_at = {round(i * total_pages / len(media)) + 3: src for i, src in enumerate(media)}

    dump = lambda data, path: path.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    objectives, checks, lessons = [], [], []
    for l in range(1, lesson_count + 1):
        lesson_objectives = [{"id": f"o{l:02d}_{k}", "text": f"Explain {title(rng).lower()}."} for k in (1, 2)]
        objectives += [o["id"] for o in lesson_objectives]
        front = {"id": f"l{l:02d}", "title": title(rng), "minutes": 30, "objectives": lesson_objectives}
        pages = []
        for p in range(1, pages_per_lesson + 1):
            check = f"kc_l{l:02d}_{p:02d}" if p in (25, 50) else None
            if check:
                checks.append(question(rng, check, TYPES[len(checks) % len(TYPES)], lesson_objectives[0]["id"]))
            pages.append(page(rng, p, figure_at.get((l - 1) * pages_per_lesson + p), check))
        name = f"lessons/{l:02d}-lesson.md"
        (module / name).write_text(f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n" + "\n\n".join(pages) + "\n",
                                   encoding="utf-8")
        lessons.append(name)

    pools = []
    for n in range(5):  # 5 pools x 18 questions + 5 scenarios x 2 questions = 100 questions
        questions = [question(rng, f"q_{n}_{k:02d}", TYPES[k % len(TYPES)], rng.choice(objectives)) for k in range(18)]
        questions.append({"id": f"s_{n}", "type": "scenario", "case": paragraph(rng),
                          "questions": [question(rng, f"q_s{n}_{k}", TYPES[(n + k) % len(TYPES)], rng.choice(objectives))
                                        for k in range(2)]})
        pools.append({"id": f"pool_{n}", "draw": 4, "questions": questions})  # 20 drawn: fits SCORM 1.2
    assessment = {"id": "final", "title": "Final assessment", "introduction": paragraph(rng),
                  "attempts": 3, "time_limit_minutes": 60, "pools": pools}
    glossary = {"terms": [{"id": f"t_{n:02d}", "term": term, "definition": paragraph(rng, (1, 3))}
                          for n, term in enumerate(TERMS)]}
    config = {"id": module_id, "title": f"Generated benchmark module ({lesson_count * pages_per_lesson} pages)",
              "description": "A deterministic module generated by benchmarks/bench_build.py.",
              "version": "1.0.0", "language": "en", "learning_time_minutes": 300, "scorm": ["1.2", "2004"],
              "lessons": lessons, "knowledge_checks": ["quizzes/knowledge-checks.yaml"],
              "assessments": ["quizzes/final.yaml"], "glossary": "glossary.yaml"}
    assert sum(len(p["questions"]) + 1 for p in pools) == QUESTIONS  # 90 + 10 inner questions
    dump(config, module / "module.yaml")
    dump(glossary, module / "glossary.yaml")
    dump({"questions": checks}, module / "quizzes" / "knowledge-checks.yaml")
    dump(assessment, module / "quizzes" / "final.yaml")
    return module


# --- main --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is printed (default 3)")
    parser.add_argument("--keep", type=Path, help="write the generated module here instead of a temporary folder")
    args = parser.parse_args()

    print(f"stce-scorm build benchmark: median of {args.runs} run(s); Python {platform.python_version()}, "
          f"Pillow {PIL.__version__}, {platform.machine()}")
    with tempfile.TemporaryDirectory(prefix="stce-bench-module-") as tmp:
        root = args.keep or Path(tmp)
        generated = generate_module(root)
        try:
            modules = [measure(REAL_MODULE.name, REAL_MODULE, args.runs),
                       measure(f"generated ({LESSONS}x{PAGES_PER_LESSON} pages)", generated, args.runs)]
        except StceError as exc:
            print(f"build failed:\n{exc.format_message()}", file=sys.stderr)
            return 1
    for title_, table in TABLES:
        print_table(title_, *table(modules))
    print("\nrest = build - load+check: rendering (image processing), zipping and validating both packages.")
    print("Dominant phase:")
    for m in modules:
        print("  " + dominant_phase(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
