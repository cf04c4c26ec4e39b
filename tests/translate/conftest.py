"""The example module with a complete pseudo-French translation, for every test of a translation."""

from __future__ import annotations

import pytest

from cat_tool import translate_file
from pseudo import _TABLE
from stce_scorm.translate.workflow import export_file, import_file


@pytest.fixture
def translated(example_copy, tmp_path):
    """The example module with a complete French translation imported from XLIFF."""
    example_copy.edit("module.yaml", "\nlanguage: en\n", "\nlanguage: en\ntranslations: [fr]\n")
    xlf, _ = export_file(example_copy.path, "fr", tmp_path / "fr.xlf")
    translate_file(xlf, lambda text: text.translate(_TABLE))
    import_file(xlf, example_copy.path)
    return example_copy
