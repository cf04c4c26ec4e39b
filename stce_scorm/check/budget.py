"""The largest suspend_data a module's learner state can reach, against each target's limit.

Each target declares how many characters its LMS keeps (4,096 in SCORM 1.2, 64,000 in 2004); state
beyond that is lost, and with it the learner's progress. The worst case comes from the player data
contract (player/state_size.py).
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error
from stce_scorm.player import PlayerContract
from stce_scorm.player.data import MAX_ANSWER_LENGTH
from stce_scorm.player.state_size import text_length
from stce_scorm.source.models import Module
from stce_scorm.targets import TARGETS, target_for

def check_budget(module: Module, player: PlayerContract, versions: list[str] | None = None) -> list[Problem]:
    """An error for each target to build whose suspend_data limit the state could exceed."""
    problems = []
    worst = player.state_length
    roomiest = max(TARGETS.values(), key=lambda t: t.suspend_data_limit)
    for target in map(target_for, versions or module.config.scorm):
        limit = target.suspend_data_limit
        if worst > limit:
            problems.append(error(
                module.config.field_pos("scorm"),
                f"the learner's saved state can reach {worst:,} characters, more than {target.label} keeps "
                f"({limit:,}): progress would be lost",
                "draw fewer questions, use fewer fill-in or numeric questions (each can take "
                f"{text_length(MAX_ANSWER_LENGTH['fill_in'])} characters), split the module, or build only {roomiest.label}",
                "scorm"))
    return problems
