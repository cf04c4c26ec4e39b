"""The check stage: everything an LMS or a learner would otherwise discover, found before writing."""

from __future__ import annotations

from stce_scorm.check.answers import check_answers
from stce_scorm.check.assets import check_assets
from stce_scorm.check.blueprint import check_blueprints
from stce_scorm.check.budget import check_budget
from stce_scorm.check.close_request import check_close_request
from stce_scorm.check.content import check_content
from stce_scorm.check.documents import check_documents
from stce_scorm.check.dom_ids import check_dom_ids
from stce_scorm.check.links import check_links
from stce_scorm.check.quality import check_quality
from stce_scorm.check.references import check_references
from stce_scorm.errors import Problem
from stce_scorm.player import PlayerContract, player_contract
from stce_scorm.source.models import Module

CHECKS = (check_references, check_answers, check_documents, check_content, check_assets, check_quality,
          check_blueprints, check_dom_ids, check_links)


def check_module(module: Module, versions: list[str] | None = None,
                 player: PlayerContract | None = None) -> list[Problem]:
    """Run every check for the SCORM `versions` to build (default: module.yaml's); sorted by position.
    `player` is the build's player contract (derived here when checking alone)."""
    player = player or player_contract(module)
    problems = [problem for check in CHECKS for problem in check(module)]
    problems += check_budget(module, player, versions) + check_close_request(module, player, versions)
    return sorted(set(problems), key=lambda p: p.sort_key)
