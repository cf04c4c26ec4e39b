"""How long the checks take on hostile input of growing size: each figure should about double when the
input doubles (linear), never quadruple (quadratic). Figures only, no pass/fail.

    .venv/bin/python benchmarks/bench_hostile_input.py [--size 20000]
"""

from __future__ import annotations

import argparse
import time

from stce_scorm.content.images import svg_problems
from stce_scorm.source.markdown import parser
from stce_scorm.source.yaml_loader import load_yaml

CASES = {
    "heading of spaces (heading ids)": lambda n: parser().parse("## A" + " " * (10 * n) + "x\n"),
    "'[[' without ']]' (glossary terms)": lambda n: parser().parse("x " + "[[" * n + "\n"),
    "SVG with unclosed url(' (url check)": lambda n: svg_problems(
        ("<svg xmlns='http://www.w3.org/2000/svg'><style>" + "url('a" * n + "</style></svg>").encode(), "x.svg"),
    "YAML nested flow lists (depth bound)": lambda n: load_yaml("a: " + "[" * n + "]" * n, "x.yaml"),
    "YAML aliases (refused at the first anchor)": lambda n: load_yaml(
        "a: &a [x]\n" + "".join(f"b{i}: [*a, *a]\n" for i in range(n)), "x.yaml"),
}


def seconds(run, size: int) -> float:
    start = time.perf_counter()
    run(size)
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size", type=int, default=20000, help="size n; each case also runs at 2n")
    size = options.parse_args().size
    print(f"{'case':45} {'n':>8} {'2n':>8} {'ratio':>6}")
    for name, run in CASES.items():
        run(10)  # warm the parser
        one, two = seconds(run, size), seconds(run, 2 * size)
        print(f"{name:45} {one:8.3f} {two:8.3f} {two / max(one, 1e-6):6.1f}")


if __name__ == "__main__":
    main()
