"""Paths the tests share (a plain module: test files import it, while conftest.py files are not importable)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_MODULE = REPO / "examples" / "dual_use_basics"
WMD_MODULE = REPO / "modules" / "wmd_emerging_tech"
ARABIC_MODULE = REPO / "tests" / "fixtures" / "arabic_ui"  # the player right to left, in Arabic
