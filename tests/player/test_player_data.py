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


def test_an_interaction_description_fits_its_encoded_byte_budget_in_every_script():
    """Moodle form-encodes every description at each commit and at close, where Chromium refuses more than
    64 KiB: a French or Arabic prompt costs 2-3 times its length once encoded, so the cap is in bytes."""
    from urllib.parse import quote

    from stce_scorm.player.data import DESCRIPTION_BYTES, interaction_description

    short = "Which reading of a control-entry number is right?"
    assert interaction_description(short) == short
    for prompt in ("Quel élément d’une déclaration en douane signale qu’une autorisation d’exportation est exigée ? " * 4,
                   "أي من العناصر التالية في الإقرار الجمركي يدل على أن ترخيص التصدير مطلوب؟ " * 4,
                   "A State belongs to no export control regime and it transits related materials. " * 5):
        description = interaction_description(prompt)
        assert description.endswith("…") and len(description) <= 250
        assert len(quote(description, safe="-_.!~*'()")) <= DESCRIPTION_BYTES
        assert prompt.startswith(description[:-1].rstrip())  # cut, never rewritten


def test_the_french_wmd_package_stays_under_the_browser_close_limit():
    """Regression: the French WMD module's SCORM 2004 close request reached 68,493 bytes (browsers refuse a
    save at close above 64 KiB), because its long accented prompts were sent whole as descriptions."""
    from stce_scorm.check.close_request import BEACON_LIMIT, worst_case_close_request
    from stce_scorm.pipeline import check_sources
    from stce_scorm.translate.editions import editions
    from repo_paths import WMD_MODULE

    module = check_sources(WMD_MODULE, translations=False).module
    (french,), problems = editions(module, ["fr"], False)
    assert not [p for p in problems if p.severity == "error"]
    for version in ("1.2", "2004"):
        assert worst_case_close_request(french, version).total < BEACON_LIMIT
