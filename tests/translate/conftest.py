"""The smallest complete module (tests/fixtures/minimal) with a complete pseudo-French translation, for every test
of a translation."""

from __future__ import annotations

import pytest

from cat_tool import translate_file
from pseudo import _TABLE
from stce_scorm.translate.workflow import export_file, import_file


@pytest.fixture
def translated(minimal_copy, tmp_path):
    """The smallest complete module with a complete French translation imported from XLIFF."""
    minimal_copy.edit("module.yaml", "\nlanguage: en\n", "\nlanguage: en\ntranslations: [fr]\n")
    xlf, _ = export_file(minimal_copy.path, "fr", tmp_path / "fr.xlf")
    translate_file(xlf, lambda text: text.translate(_TABLE))
    import_file(xlf, minimal_copy.path)
    return minimal_copy
