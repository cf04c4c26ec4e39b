"""The authoring guide's key tables are the models' own descriptions: a model change that is not regenerated
into docs/authoring.md fails here, naming the command that regenerates them."""

from __future__ import annotations

import pytest

from stce_scorm.source.models import ModuleConfig
from stce_scorm.source.reference import COMMAND, GUIDE, TABLES, render_table, update_guide


def test_the_guide_tables_match_the_models():
    text = GUIDE.read_text(encoding="utf-8")
    assert update_guide(text) == text, f"docs/authoring.md no longer matches the models: run `{COMMAND}`"


def test_every_table_is_in_the_guide_once():
    text = GUIDE.read_text(encoding="utf-8")
    for name in TABLES:
        assert text.count(f"<!-- reference: {name} -->") == 1, name


def test_a_drifted_row_is_rewritten_from_the_model():
    text = GUIDE.read_text(encoding="utf-8")
    row = next(line for line in render_table("module").splitlines() if line.startswith("| `title` |"))
    drifted = text.replace(row, "| `title` | no | — | Anything. |")
    assert drifted != text
    assert update_guide(drifted) == text


def test_a_table_row_says_what_the_field_says():
    rows = {line.split(" | ")[0]: line for line in render_table("module").splitlines()}
    title = ModuleConfig.model_fields["title"]
    assert rows["| `title`"] == f"| `title` | yes | — | {title.description} 1 to 200 characters. |"
    assert rows["| `theme`"].startswith("| `theme` | no | `wco` | ")
    assert rows["| `keywords`"].startswith("| `keywords` | no | empty list | ")
    assert len([line for line in rows if line.startswith("| `")]) == len(ModuleConfig.model_fields)


def test_an_unknown_table_name_is_an_error():
    with pytest.raises(KeyError, match="unknown reference table 'nope'"):
        update_guide("<!-- reference: nope -->\n<!-- /reference -->\n")
