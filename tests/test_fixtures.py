"""The fixture modules (tests/fixtures/): each is a valid module without warnings, says in a comment at the
top of its module.yaml what it is for, and is named in the README's table and in tests/repo_paths.py."""

from __future__ import annotations

import pytest

import repo_paths
from repo_paths import FIXTURES
from stce_scorm.pipeline import load_and_check

NAMES = sorted(path.name for path in FIXTURES.iterdir() if (path / "module.yaml").is_file())


def test_every_fixture_is_documented_and_named_in_repo_paths():
    assert len(NAMES) >= 7  # the walk really finds them
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    named = {path.name for path in vars(repo_paths).values() if getattr(path, "parent", None) == FIXTURES}
    assert [name for name in NAMES if f"| `{name}/` |" not in readme] == []
    assert [name for name in NAMES if name not in named] == []


@pytest.mark.parametrize("name", NAMES)
def test_the_fixture_checks_clean_and_says_what_it_is_for(name):
    module, warnings = load_and_check(FIXTURES / name, translations=True)
    assert [str(problem) for problem in warnings] == []
    assert module.config.id == name
    first = (FIXTURES / name / "module.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 20, first
