"""Atomic writes: a reader never meets half a file, a failure leaves the old file, nothing is left behind."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stce_scorm.atomic_write import atomic_file, write_all_atomic, write_atomic

PACKAGE = Path(__file__).resolve().parents[1] / "stce_scorm"


def test_a_write_replaces_the_file_shared_readable(tmp_path: Path):
    target = tmp_path / "note.txt"
    target.write_text("old")
    assert write_atomic(target, "né") == target
    assert target.read_bytes() == "né".encode() and target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


def test_a_failure_while_writing_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "pkg.zip"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target, durable=True) as stream:
        stream.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["pkg.zip"]


def test_all_or_none(tmp_path: Path):
    (tmp_path / "a").write_bytes(b"old a")
    with pytest.raises(TypeError):
        write_all_atomic({tmp_path / "a": b"new a", tmp_path / "b": "not bytes"})  # type: ignore[dict-item]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"] and (tmp_path / "a").read_bytes() == b"old a"
    write_all_atomic({tmp_path / "a": b"new a", tmp_path / "b": b"b"})
    assert (tmp_path / "a").read_bytes() == b"new a" and (tmp_path / "b").read_bytes() == b"b"


def test_no_other_module_renames_a_temporary_file_by_hand():
    """One helper: os.replace outside it only moves finished, verified files (the pipeline's staged
    packages, the cached npm release folder), never completes a write. A temporary name spelt by hand
    ('.tmp', then Path.replace) is the same write by another road (the PO file and the XLIFF export had it)."""
    allowed = {"atomic_write.py", "pipeline.py", "npm_release.py"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in ("replace", "mkstemp")
                    and isinstance(node.value, ast.Name) and node.value.id in ("os", "tempfile")):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value.id}.{node.attr}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".tmp"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: a temporary name {node.value!r}")
    assert found == []
