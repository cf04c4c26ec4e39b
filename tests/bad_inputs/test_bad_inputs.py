"""The hostile and broken inputs corpus: every case is a folder here, run through the real CLI.

Each case changes a copy of a fixture module (tests/fixtures/minimal unless its `base:` names another) and
states the exact first error line (or the warning) the tool must print. The rules every case checks: the CLI
exits with an error, never a traceback; nothing is written; the first error line is the expected one. See
README.md here.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from repo_paths import FIXTURES
from stce_scorm.cli import main

CASES = Path(__file__).resolve().parent
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").is_file())
TIME_BOUND_SECONDS = 60  # a bound, not a speed target: a hung or quadratic check must fail, not hang CI
CASE_KEYS = {"why", "base", "edits", "generate", "remove", "args", "first_error", "warning", "errors", "written", "ok"}


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):
    raise _TooSlow(f"the command ran past {TIME_BOUND_SECONDS} s")


def prepare(case: Path, root: Path) -> dict:
    """Copy the case's base fixture module to `root` and apply the case: overlay files/, edits, generated and
    removed files."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    assert set(spec) <= CASE_KEYS, f"unknown keys in {case.name}/case.yaml: {set(spec) - CASE_KEYS}"
    shutil.copytree(FIXTURES / spec.get("base", "minimal"), root)
    if (case / "files").is_dir():
        shutil.copytree(case / "files", root, symlinks=True, dirs_exist_ok=True)
    for edit in spec.get("edits", []):
        target = root / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert edit["replace"] in text, f"{case.name}: {edit['replace']!r} not in {edit['file']}"
        target.write_text(text.replace(edit["replace"], edit["with"], 1), encoding="utf-8")
    for item in spec.get("generate", []):
        target = root / item["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.get("head", "").encode() + item["text"].encode() * item["times"]
                           + item.get("tail", "").encode())
    for name in spec.get("remove", []):
        (root / name).unlink()
    return spec


def run(args: list[str]):
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_BOUND_SECONDS)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bad_input(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "module"
    spec = prepare(CASES / name, root)
    monkeypatch.chdir(root)
    before = {p.relative_to(root) for p in root.rglob("*")}
    result = run(spec.get("args", ["check", "."]))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback instead of an error message:\n{result.stderr}") from result.exception
    lines = result.stderr.splitlines()
    if "first_error" in spec:
        assert result.exit_code == 1, result.output
        errors = [line for line in lines if ": error: " in line or line.startswith("Error: ")]
        assert errors, result.output
        assert errors[0] == spec["first_error"], "\n".join(lines)
        if "errors" in spec:
            assert len(errors) == spec["errors"], "\n".join(lines)
        created = {p.relative_to(root) for p in root.rglob("*")} - before
        assert created == set(), f"a failed command left files behind: {sorted(map(str, created))}"
    elif "warning" in spec:
        assert result.exit_code == 0, result.output
        assert spec["warning"] in lines, "\n".join(lines)
    else:
        assert spec.get("ok") is True, f"{name}: give first_error, warning or ok: true"
        assert result.exit_code == 0 and not [line for line in lines if ": error: " in line], result.output
    for name in spec.get("written", []):
        assert (root / name).exists(), f"{name} was not written"


def test_every_case_folder_has_a_case_file():
    """A folder without case.yaml would silently be no test at all."""
    stray = [p.name for p in CASES.iterdir()
             if p.is_dir() and p.name != "__pycache__" and not (p / "case.yaml").is_file()]
    assert stray == []


def test_every_case_starts_from_a_fixture_module():
    """A case's base is a module under tests/fixtures/ (the example is for authors and will change)."""
    bases = {name: yaml.safe_load((CASES / name / "case.yaml").read_text(encoding="utf-8")).get("base", "minimal")
             for name in CASE_NAMES}
    assert {name: base for name, base in bases.items() if not (FIXTURES / base / "module.yaml").is_file()} == {}
    assert len(bases) > 70 and "minimal" in bases.values()  # the walk really finds the cases
