"""Fixtures of the SCORM packaging tests, and the `--update-golden` option.

Refresh the golden manifests with: `.venv/bin/pytest tests/scorm --update-golden`
(the option is registered here, so name `tests/scorm` or a file under it on the command line).
"""

from __future__ import annotations

from pathlib import Path

import shutil

import pytest

from stce_scorm.scorm.package import write_package
from stce_scorm.scorm.schemas import NPM_SCHEMA_DIR, REPO_ROOT
from stce_scorm.source.loader import load_module
from stce_scorm.source.models import Module

from scorm_fixtures import EXAMPLE, SHARED_LAYOUT, build_files


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/scorm/golden/ from the current output instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden", default=False))


@pytest.fixture(scope="session")
def module() -> Module:
    loaded, problems = load_module(EXAMPLE)
    assert not [p for p in problems if p.severity == "error"], problems
    return loaded


@pytest.fixture(scope="session")
def npm_schema_dir() -> Path:
    path = REPO_ROOT / NPM_SCHEMA_DIR
    assert path.is_dir(), f"{path} is missing: run `npm install` in {REPO_ROOT}"
    return path


@pytest.fixture(scope="session")
def shared_layout_schemas(npm_schema_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same XSDs laid out as ../shared/scorm-schemas lays them out (scorm12/, scorm2004-4th/).

    Built from the npm package, so the suite runs where no ../shared folder exists."""
    root = tmp_path_factory.mktemp("shared-layout")
    for npm_name, shared_name in SHARED_LAYOUT.items():
        shutil.copytree(npm_schema_dir / npm_name, root / shared_name)
    return root


@pytest.fixture(params=["npm", "shared"])
def schema_dir(request: pytest.FixtureRequest, npm_schema_dir: Path, shared_layout_schemas: Path) -> Path:
    """Each folder layout of official XSDs that the tool accepts."""
    return npm_schema_dir if request.param == "npm" else shared_layout_schemas


@pytest.fixture
def good_package(tmp_path: Path, module: Module):
    """Build a valid package of a SCORM version in tmp_path: `good_package("1.2")`."""

    def build(version: str = "1.2") -> Path:
        return write_package(build_files(module, version), tmp_path / f"good-{version}.zip")

    return build
