"""The output targets: each declares what its format needs, and the registry is what authors can name."""

from __future__ import annotations

import typing

import pytest

from stce_scorm.source.models import ModuleConfig
from stce_scorm.targets import TARGETS, Target, TargetName, target_for
from stce_scorm.targets.scorm12 import Scorm12
from stce_scorm.targets.scorm2004 import Scorm2004

RUNTIME = __import__("pathlib").Path(__file__).resolve().parents[2] / "stce_scorm" / "runtime"
TEMPLATES = RUNTIME.parent / "templates"


def test_the_registry_is_what_module_yaml_and_the_cli_accept():
    assert list(TARGETS) == list(typing.get_args(TargetName)) == ["1.2", "2004"]
    assert ModuleConfig.model_fields["scorm"].default_factory() == list(TARGETS)
    assert isinstance(target_for("2004"), Scorm2004) and isinstance(target_for("1.2"), Scorm12)
    with pytest.raises(KeyError):
        target_for("cmi5")


def test_the_formats_declare_their_capabilities():
    assert (Scorm12.suspend_data_limit, Scorm12.suffix, Scorm12.api_name) == (4096, "scorm12", "API")
    assert (Scorm2004.suspend_data_limit, Scorm2004.suffix, Scorm2004.api_name) == (64000, "scorm2004", "API_1484_11")
    assert (Scorm12.response_limit, Scorm2004.choice_limit) == (255, 36)
    assert Scorm12.data_model.latency == "9999:59:59.99" and Scorm2004.data_model.latency == "PT9999H59M59.99S"


@pytest.mark.parametrize("target", TARGETS.values(), ids=list(TARGETS))
def test_every_declared_file_exists_and_every_fact_is_filled(target: Target):
    assert all((RUNTIME / name).is_file() for name in target.tracker_files)
    assert (TEMPLATES / target.notes_template).is_file()
    hints = typing.get_type_hints(Target)
    missing = [name for name, hint in hints.items() if typing.get_origin(hint) is typing.ClassVar
               and not hasattr(target, name)]
    assert missing == []
    assert "." not in target.segment and target.segment
    assert target.manifest.schema_folders and target.manifest.schema_files


def test_targets_differ_in_everything_that_names_them():
    for fact in ("name", "label", "suffix", "segment", "tracker_files", "api_name", "notes_template", "preview_runtime"):
        values = [getattr(t, fact) for t in TARGETS.values()]
        assert len(set(values)) == len(values), fact


@pytest.mark.parametrize("target", TARGETS.values(), ids=list(TARGETS))
def test_the_preview_inspects_what_the_adapter_writes_and_what_the_lms_set_at_launch(target: Target):
    fields = target.inspected_elements()
    assert len(fields) == len(set(fields)) and all(field.startswith("cmi.") for field in fields)
    assert fields[:len(target.data_model.core) + 1] == [*target.data_model.core, target.data_model.location]
    launch = target.preview_lms["elements"]
    assert {launch["entry"], launch["mode"], launch["credit"]} <= set(fields)
    assert (launch["response"], launch["time"]) == (target.data_model.response, target.data_model.time[0])
