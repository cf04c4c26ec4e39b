"""The linter and the type checker, configured in pyproject.toml, find nothing: a lint or type error fails the
suite like any other defect. Run them alone with `.venv/bin/ruff check` and `.venv/bin/mypy`."""

from __future__ import annotations

import subprocess
import sys

from repo_paths import REPO


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, f"ruff check (fix, or `ruff check --fix`):\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing():
    result = run("mypy")  # the files and options are in [tool.mypy]
    assert result.returncode == 0, f"mypy:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout
