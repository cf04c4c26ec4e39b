"""The worst-case suspend_data length, from the module's structure alone (a browser test checks the player agrees)."""

from repo_paths import EXAMPLE_MODULE
from stce_scorm.player import player_contract
from stce_scorm.player.state_size import text_length, varint_length, worst_case_state_length
from stce_scorm.source.loader import load_module


def test_varint_and_text_sizes():
    assert [varint_length(v) for v in (0, 31, 32, 1023, 1024, 2**30 - 1)] == [1, 1, 2, 2, 3, 6]
    assert text_length(40) == 2 + 40 * 4


def test_example_fits_easily():
    module, _ = load_module(EXAMPLE_MODULE)
    assert 100 < worst_case_state_length(module, 0) < 400


def test_the_fingerprint_counts_at_its_length():
    module, _ = load_module(EXAMPLE_MODULE)
    assert worst_case_state_length(module, 2**24 - 1) - worst_case_state_length(module, 0) == 4
    contract = player_contract(module)
    assert contract.state_length == worst_case_state_length(module, contract.fingerprint)
