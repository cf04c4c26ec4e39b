"""The check stage: everything an LMS or a learner would otherwise discover, found before writing."""

from __future__ import annotations

from stce_scorm.check.answers import check_answers
from stce_scorm.check.assets import check_assets
from stce_scorm.check.content import check_content
from stce_scorm.check.references import check_references
from stce_scorm.errors import Problem
from stce_scorm.source.models import Module

CHECKS = (check_references, check_answers, check_content, check_assets)


def check_module(module: Module) -> list[Problem]:
    """Run every check; returns all problems, errors and warnings, sorted by position."""
    problems = [problem for check in CHECKS for problem in check(module)]
    return sorted(set(problems), key=lambda p: p.sort_key)
