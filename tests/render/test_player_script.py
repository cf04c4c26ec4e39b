"""The player script a package ships (render/site.py: player_script): minified, yet the same program as the
readable runtime files, and the same bytes at every build."""

from __future__ import annotations

import subprocess

import pytest

from repo_paths import REPO
from stce_scorm.render.site import MINIFIED_HEADER, player_script
from stce_scorm.targets import TARGETS

TERSER = REPO / "node_modules/.bin/terser"


def reprinted(script: bytes) -> bytes:
    """The program as terser parses and prints it back (no compression, no renaming, no comments): two
    scripts that print the same are the same program, whatever their spaces and comments."""
    assert TERSER.is_file(), "run scripts/setup: the npm package terser is missing"
    return subprocess.run([str(TERSER), "--beautify", "--comments", "false"], input=script, cwd=REPO,
                          capture_output=True, check=True, timeout=120).stdout


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_the_minified_player_is_the_readable_program(target: str):
    files = TARGETS[target].tracker_files
    readable, shipped = player_script(files, readable=True), player_script(files)
    assert shipped.startswith(MINIFIED_HEADER) and len(shipped) < 0.7 * len(readable)
    assert b"/* ---- player.js ---- */" in readable and b"/* ---- " not in shipped
    assert reprinted(shipped) == reprinted(readable)


def test_the_minified_player_is_deterministic():
    files = TARGETS["2004"].tracker_files
    assert player_script(files) == player_script(files)
