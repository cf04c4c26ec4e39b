"""The player data contract: one JSON for every output target, derived once per build."""

from repo_paths import EXAMPLE_MODULE
from stce_scorm.player import player_contract
from stce_scorm.player.data import fingerprint, player_data
from stce_scorm.source.loader import load_module


def test_the_data_names_no_output_target_and_no_interface_words():
    module, _ = load_module(EXAMPLE_MODULE)
    data = player_data(module)
    assert "scorm" not in data and "text" not in data
    assert data["fingerprint"] == fingerprint(data) == player_contract(module).fingerprint


def test_the_fingerprint_follows_the_state_layout_only():
    module, _ = load_module(EXAMPLE_MODULE)
    data = player_data(module)
    assert fingerprint({**data, "title": "Another title"}) == data["fingerprint"]
    assert fingerprint({**data, "checks": data["checks"][1:]}) != data["fingerprint"]
