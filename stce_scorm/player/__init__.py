"""The player data contract: what the learner player (runtime/*.js) and the build agree on.

Below both check and render: the JSON the player starts from (data.py), the sealed answer keys in
it (answer_keys.py), its fingerprint, and the longest state the player can save (state_size.py).
The pipeline derives it once per build (`player_contract`) and hands it to the stages that need it.
"""

from __future__ import annotations

from dataclasses import dataclass

from stce_scorm.player.data import player_data
from stce_scorm.player.state_size import worst_case_state_length
from stce_scorm.source.models import Module


@dataclass(frozen=True)
class PlayerContract:
    """One module's player data and what follows from it."""

    data: dict  # the player's JSON, the same for every target; render adds the interface words
    state_length: int  # the longest suspend_data the player can write

    @property
    def fingerprint(self) -> int:
        """The state layout's hash, saved with the state so another build's state is not misread."""
        return self.data["fingerprint"]


def player_contract(module: Module) -> PlayerContract:
    """Derive the player data of a checked module, once per build."""
    data = player_data(module)
    return PlayerContract(data, worst_case_state_length(module, data["fingerprint"]))
