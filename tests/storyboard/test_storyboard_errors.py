"""A module with an error gets no storyboard: the same file:line problems as the build, nothing written (on a
copy of the smallest complete module, tests/fixtures/minimal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stce_scorm.errors import ModuleError
from stce_scorm.storyboard import write_storyboard


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_module_error_raises_and_writes_nothing(minimal_copy, tmp_path: Path, fmt: str):
    minimal_copy.edit("quizzes/final.yaml", "correct: a\n", "correct: z\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ModuleError) as raised:
        write_storyboard(minimal_copy.path, out_dir, fmt, answers=True)
    assert any(p.pos.file.endswith("quizzes/final.yaml") and p.pos.line for p in raised.value.problems)
    assert list(out_dir.iterdir()) == []


def test_missing_output_folder_is_not_created_on_error(minimal_copy, tmp_path: Path):
    minimal_copy.edit("lessons/01-dual-use.md", "::: check kc_l1_list", "::: check kc_missing")
    with pytest.raises(ModuleError):
        write_storyboard(minimal_copy.path, tmp_path / "out", "html", answers=False)
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="docx"):
        write_storyboard(tmp_path, tmp_path, "docx", answers=True)
