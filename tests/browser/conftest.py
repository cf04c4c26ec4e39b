"""Fixtures of the browser tests: the SCORM version a test runs under, and the example module's package
for it (built once per session by `built_site`). A file that drives another module overrides `site`."""

from __future__ import annotations

from pathlib import Path

import pytest

from repo_paths import EXAMPLE_MODULE
from stce_scorm.targets import TARGETS


@pytest.fixture(scope="module", params=sorted(TARGETS))
def version(request) -> str:
    """Each SCORM version the tool builds; module-scoped, so a file's tests run version by version."""
    return request.param


@pytest.fixture
def site(built_site, version) -> Path:
    """The example module's package for `version`, unzipped."""
    return built_site(EXAMPLE_MODULE, version)
