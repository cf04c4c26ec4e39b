"""The largest suspend_data a module's learner state can reach, against each SCORM version's limit.

SCORM 1.2 keeps 4,096 characters, 2004 keeps 64,000; state beyond that is lost, and with it the
learner's progress. The worst case comes from the player data contract (player/state_size.py).
"""

from __future__ import annotations

from stce_scorm.errors import Problem, error
from stce_scorm.player import PlayerContract
from stce_scorm.player.data import MAX_ANSWER_LENGTH
from stce_scorm.player.state_size import text_length
from stce_scorm.scorm.formats import FORMATS
from stce_scorm.source.models import Module

def check_budget(module: Module, player: PlayerContract, versions: list[str] | None = None) -> list[Problem]:
    """An error for each SCORM version whose suspend_data limit the state could exceed."""
    problems = []
    worst = player.state_length
    for version in versions or module.config.scorm:
        limit = FORMATS[version].suspend_data_limit
        if worst > limit:
            problems.append(error(
                module.config.field_pos("scorm"),
                f"the learner's saved state can reach {worst:,} characters, more than SCORM {version} keeps "
                f"({limit:,}): progress would be lost",
                "draw fewer questions, use fewer fill-in or numeric questions (each can take "
                f"{text_length(MAX_ANSWER_LENGTH['fill_in'])} characters), split the module, or build only SCORM 2004",
                "scorm"))
    return problems
