"""Build benchmark: what a build costs the machine, beside the floor of the same job, and how large its packages are.

Prints figures, not verdicts: a person compares them with issue 14's targets (benchmarks/report.py puts
them side by side). The only failure is a build that fails (exit status 1).

Every build runs as its own process, as an author runs it (`stce-scorm build`), and is measured whole:
CPU time (user + system, of the process and the image workers it waits for, from `os.wait4`), wall time
and peak memory (RSS). CPU time is the figure to compare on a shared machine: wall time grows with
everyone else's load, CPU time much less. Each figure is the median of --runs runs.

- cold: an empty image cache and output folder; warm: a second build into the same folder, cache filled.
  The cache keeps processed images and compiled theme templates, keyed on their content. edited: a warm
  build of a copy of the module with one word added to one page (another word each run), as an author
  rebuilds after an edit: what the caches cannot save.
- floor: the least any build of that module can cost: a process that imports the same libraries a build
  imports (every module the build process had loaded, except stce_scorm's own) and writes the same files
  into two zips, deflated or stored as the build stores them (photos, fonts, video, PDF are stored).
  ratio = warm build CPU / floor CPU.
- Two modules: the real `modules/wmd_emerging_tech`, and a generated, seeded module of --pages pages with
  --images images (4 JPEG photos of 3000x2000 with EXIF for each SVG drawing) and 100 assessment questions.

Usage:  .venv/bin/python benchmarks/bench_build.py [--runs N] [--pages 1000] [--images 50] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import PIL
import yaml
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
REAL_MODULE = ROOT / "modules" / "wmd_emerging_tech"
CLI = Path(sys.executable).parent / "stce-scorm"
SEED = 1540  # any fixed number: the generated module must be the same on every run and machine


# --- measuring a process -----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One process, measured whole."""

    cpu: float  # seconds of CPU, user + system, with the children it waited for
    wall: float  # seconds
    rss_mb: float  # peak resident memory of the process (its largest child's, if larger), MiB


def run_process(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `command` to its end; its own CPU time and peak memory come from wait4, not from our process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def median(runs: list[Run], what: str) -> float:
    return statistics.median(getattr(run, what) for run in runs)


# --- the floor -----------------------------------------------------------------------------------

# The build's imports, listed by a build process itself, so the floor follows the code as it changes.
LIST_IMPORTS = """
import json, sys
from stce_scorm.cli import main
try:
    main(sys.argv[2:])
except SystemExit as stop:
    if stop.code:
        raise
json.dump(sorted(sys.modules), open(sys.argv[1], "w"))
"""
# Import the same libraries, then write the same files into one zip per package, each file deflated or
# stored as the build's package has it (the build stores photos, fonts, video and PDF as they are).
FLOOR = """
import importlib, json, sys, zipfile
from pathlib import Path
job = json.loads(Path(sys.argv[1]).read_text())
for name in job["modules"]:
    try:
        importlib.import_module(name)
    except Exception:
        pass
for number, folder in enumerate(job["folders"]):
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    stored = set(job["stored"][number])
    with zipfile.ZipFile(Path(job["out"]) / f"{number}.zip", "w") as archive:
        for path in files:
            name = path.relative_to(folder).as_posix()
            archive.writestr(name, path.read_bytes(), zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED, 9)
"""


def floor_job(module_dir: Path, packages: list[Path], work: Path) -> Path:
    """Write the floor's job file: the build's library modules, and each package unpacked, with the
    entries it stores rather than deflates."""
    listed = work / "imports.json"
    subprocess.run([sys.executable, "-c", LIST_IMPORTS, str(listed), *build_command(module_dir, work / "listing-out")[1:]],
                   check=True, capture_output=True)
    modules = [m for m in json.loads(listed.read_text()) if m.split(".")[0] not in ("stce_scorm", "__main__")]
    folders, stored = [], []
    for number, package in enumerate(packages):
        folder = work / f"unpacked-{number}"
        with zipfile.ZipFile(package) as archive:
            archive.extractall(folder)
            stored.append([i.filename for i in archive.infolist() if i.compress_type == zipfile.ZIP_STORED])
        folders.append(str(folder))
    (work / "floor-out").mkdir(exist_ok=True)
    job = work / "floor.json"
    job.write_text(json.dumps({"modules": modules, "folders": folders, "out": str(work / "floor-out"),
                               "stored": stored}))
    return job


def compile_bytecode() -> None:
    """Compile stce_scorm's modules to bytecode once, as installing a package does. A checkout run with
    PYTHONDONTWRITEBYTECODE set would otherwise compile its ~60 modules from source in every measured
    build (0.1 s of CPU): a cost no installed build pays, and the floor's libraries (installed) never do."""
    compileall.compile_dir(ROOT / "stce_scorm", quiet=1)


# --- measuring a module --------------------------------------------------------------------------


@dataclass(frozen=True)
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
    cold: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)
    edited: list[Run] = field(default_factory=list)
    check: list[Run] = field(default_factory=list)
    floor: list[Run] = field(default_factory=list)
    packages: list[Package] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Warm build CPU over the floor's."""
        return median(self.warm, "cpu") / median(self.floor, "cpu")

    @property
    def image_share(self) -> float:
        """The share of a cold build's CPU that the warm build does not spend: image encoding."""
        cold = median(self.cold, "cpu")
        return (cold - median(self.warm, "cpu")) / cold


def build_command(module_dir: Path, out: Path) -> list[str]:
    """The module's source language only: the WMD module also declares French, which issue 14's figure predates."""
    return [str(CLI), "build", str(module_dir), "--out", str(out), "--lang", "en"]


def measure(name: str, module_dir: Path, runs: int, cold_runs: int | None = None) -> Measured:
    """Cold and warm builds, `check` and the floor, interleaved run by run so load changes hit all alike."""
    compile_bytecode()
    module = yaml.safe_load((module_dir / "module.yaml").read_text(encoding="utf-8"))
    pages = sum(text.count("\n# ") + text.startswith("# ") for text in
                ((module_dir / lesson).read_text(encoding="utf-8") for lesson in module["lessons"]))
    media = module_dir / "media"
    measured = Measured(name, pages, sum(1 for f in media.iterdir() if f.is_file()) if media.is_dir() else 0)
    with tempfile.TemporaryDirectory(prefix="stce-bench-") as tmp:
        work = Path(tmp)
        for run in range(runs):
            cache, out = work / f"cache-{run}", work / f"out-{run}"
            env = {"STCE_SCORM_CACHE": str(cache)}
            if run < (cold_runs or runs):
                measured.cold.append(run_process(build_command(module_dir, out), env))
            else:  # the cold builds are long: later runs start from the first run's cache
                env = {"STCE_SCORM_CACHE": str(work / "cache-0")}
                run_process(build_command(module_dir, out), env)
            measured.warm.append(run_process(build_command(module_dir, out), env))
            edited = edit_one_page(module_dir, work, run)
            measured.edited.append(run_process(build_command(edited, work / f"edited-out-{run}"), env))
            measured.check.append(run_process([str(CLI), "check", str(module_dir)], env))
            if run == 0:
                packages = sorted(out.glob("*.zip"))
                measured.packages = [package_figures(p) for p in packages]
                job = floor_job(module_dir, packages, work)
            measured.floor.append(run_process([sys.executable, "-c", FLOOR, str(job)]))
    return measured


def edit_one_page(module_dir: Path, work: Path, run: int) -> Path:
    """A copy of the module (made once) with a short paragraph more under the first page heading of its first
    lesson, another each run, so no cache holds the result."""
    copy = work / "edited" / module_dir.name
    if not copy.exists():
        shutil.copytree(module_dir, copy)
    module = yaml.safe_load((copy / "module.yaml").read_text(encoding="utf-8"))
    lesson = copy / module["lessons"][0]
    text = lesson.read_text(encoding="utf-8")
    heading_end = text.index("\n", text.index("\n# ") + 1)
    lesson.write_text(f"{text[:heading_end]}\n\nEdited {run}.\n{text[heading_end:]}", encoding="utf-8")
    return copy


def package_figures(path: Path) -> Package:
    with zipfile.ZipFile(path) as archive:
        index = archive.getinfo("index.html")
    version = "2004" if "scorm2004" in path.name else "1.2"
    return Package(version, path.stat().st_size, index.file_size, index.compress_size)


# --- tables ------------------------------------------------------------------------------------
# Each table is a function from the measured modules to (header, rows). To add figures, write one
# more function and list it in TABLES.


def seconds(value: float) -> str:
    return f"{value:6.2f} s"


def kib(size: int) -> str:
    return f"{size:,} B ({size / 1024:,.1f} KiB)"


def build_time_table(modules: list[Measured]) -> tuple[list[str], list[list[str]]]:
    header = ["module", "pages", "images", "cold CPU", "cold wall", "warm CPU", "warm wall", "edited CPU",
              "check CPU", "floor CPU", "warm/floor", "peak RSS cold", "peak RSS warm"]
    rows = []
    for m in modules:
        rows.append([m.name, str(m.pages), str(m.images), seconds(median(m.cold, "cpu")), seconds(median(m.cold, "wall")),
                     seconds(median(m.warm, "cpu")), seconds(median(m.warm, "wall")), seconds(median(m.edited, "cpu")),
                     seconds(median(m.check, "cpu")),
                     seconds(median(m.floor, "cpu")), f"{m.ratio:.1f}x",
                     f"{median(m.cold, 'rss_mb'):.0f} MiB", f"{median(m.warm, 'rss_mb'):.0f} MiB"])
    return header, rows


def package_table(modules: list[Measured]) -> tuple[list[str], list[list[str]]]:
    header = ["module", "SCORM", "zip", "index.html", "index.html zipped"]
    rows = [[m.name, p.version, kib(p.zip_bytes), kib(p.index_bytes), kib(p.index_zipped)]
            for m in modules for p in m.packages]
    return header, rows


TABLES = [("Build, whole process (median)", build_time_table), ("Packages", package_table)]


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(f"\n{title}\n{line(header)}\n{'  '.join('-' * w for w in widths)}")
    for row in rows:
        print(line(row))


# --- the generated module ----------------------------------------------------------------------
# Same source format as examples/dual_use_basics; sized like a large real course.

PAGES_PER_LESSON, QUESTIONS = 50, 100
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


def generate_module(root: Path, pages: int = 1000, images: int = 50) -> Path:
    """Write a module of `pages` pages (50 per lesson) and `images` images under `root` and return its folder;
    the same bytes for the same arguments on every machine. Four of every five images are photos, the rest SVGs."""
    rng = random.Random(SEED)
    lesson_count = max(1, pages // PAGES_PER_LESSON)
    drawings = images // 5
    module = root / f"generated_{pages}"
    for folder in ("lessons", "media", "quizzes"):
        (module / folder).mkdir(parents=True, exist_ok=True)
    media = ([f"media/photo-{n:02d}.jpg" for n in range(images - drawings)]
             + [f"media/diagram-{n}.svg" for n in range(drawings)])
    for src in media:
        (write_photo if src.endswith(".jpg") else write_drawing)(rng, module / src)
    total_pages = lesson_count * PAGES_PER_LESSON
    figure_at = {round(i * total_pages / len(media)) + 3: src for i, src in enumerate(media)}

    dump = lambda data, path: path.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    objectives, checks, lessons = [], [], []
    for l in range(1, lesson_count + 1):
        lesson_objectives = [{"id": f"o{l:02d}_{k}", "text": f"Explain {title(rng).lower()}."} for k in (1, 2)]
        objectives += [o["id"] for o in lesson_objectives]
        front = {"id": f"l{l:02d}", "title": title(rng), "minutes": 30, "objectives": lesson_objectives}
        texts = []
        for p in range(1, PAGES_PER_LESSON + 1):
            check = f"kc_l{l:02d}_{p:02d}" if p in (25, 50) else None
            if check:
                checks.append(question(rng, check, TYPES[len(checks) % len(TYPES)], lesson_objectives[0]["id"]))
            texts.append(page(rng, p, figure_at.get((l - 1) * PAGES_PER_LESSON + p), check))
        name = f"lessons/{l:02d}-lesson.md"
        (module / name).write_text(f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n" + "\n\n".join(texts) + "\n",
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
    config = {"id": f"{module.name}", "title": f"Generated benchmark module ({total_pages} pages)",
              "description": "A deterministic module generated by benchmarks/bench_build.py.",
              "version": "1.0.0", "language": "en", "learning_time_minutes": 30 * lesson_count,
              # Beyond 500 pages the learner's saved state outgrows SCORM 1.2's 4,096 characters (the check refuses it).
              "scorm": ["1.2", "2004"] if total_pages <= 500 else ["2004"],
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
    parser.add_argument("--runs", type=int, default=7, help="runs per figure; the median is printed (default 7)")
    parser.add_argument("--cold-runs", type=int, default=3,
                        help="cold builds of the generated module (long; default 3); its other runs are warm only")
    parser.add_argument("--pages", type=int, default=1000, help="pages of the generated module (default 1000)")
    parser.add_argument("--images", type=int, default=50, help="images of the generated module (default 50)")
    parser.add_argument("--keep", type=Path, help="write the generated module here instead of a temporary folder")
    args = parser.parse_args()

    print(f"stce-scorm build benchmark: median of {args.runs} run(s); Python {platform.python_version()}, "
          f"Pillow {PIL.__version__}, {platform.machine()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="stce-bench-module-") as tmp:
        generated = generate_module(args.keep or Path(tmp), args.pages, args.images)
        try:
            modules = [measure(REAL_MODULE.name, REAL_MODULE, args.runs),
                       measure(generated.name, generated, args.runs, args.cold_runs)]
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    for title_, table in TABLES:
        print_table(title_, *table(modules))
    print("\nCPU: user + system time of the build process and the image workers it ran. floor: the same "
          "libraries imported and the same files zipped, nothing else.")
    for m in modules:
        print(f"  {m.name}: image encoding is {m.image_share:.0%} of a cold build's CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
