"""Property: whatever an author (or an attacker) writes, loading and checking ends in a `file:line`
error or in success, never a traceback, and in bounded time (issue 9, "done when").

Hypothesis writes random YAML and Markdown into one file of a copy of the smallest complete module
(tests/fixtures/minimal) at a time.
Examples are derandomised (the same ones on every run) and the deadline is generous, so the test is
not flaky on a busy machine; it still fails if one input takes seconds instead of milliseconds.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repo_paths import MINIMAL
from stce_scorm.pipeline import load_and_check
from stce_scorm.errors import ModuleError

# Characters that mean something to YAML or to our Markdown dialect, plus a few ordinary ones.
SYNTAX = list(":-[]{}&*!|>#'\"?,%@`~.\\/<=") + ["\n", "\n", " ", " ", "\t", "\u2028", "\ufeff", "é", "e\u0301"]
WORDS = ["id", "title", "type", "correct", "questions", "terms", "!!int", "!!str", ".nan", ".inf", "&a", "*a",
         ":::", "::: note", "::: check kc_l1_list", "# Page", "## Sub {#API}", "[[", "]]", "![x](media/a.svg)",
         "<span id=\"x\">", "<!--", "---", "- ", "  ", "[a](/x)", "1.2", "yes", "no", "~", "null"]
TEXT = st.lists(st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.text(min_size=1, max_size=5)),
                max_size=80).map("".join)
FRONT = "---\nid: l1_dual_use\ntitle: T\nminutes: 6\nobjectives:\n  - id: o1_define\n    text: Explain.\n  - id: o1_lists\n    text: Describe.\n---\n"
TARGETS = {
    "module.yaml": lambda text: text,
    "glossary.yaml": lambda text: text,
    "quizzes/knowledge-checks.yaml": lambda text: "questions:\n" + text,
    "lessons/01-dual-use.md": lambda text: FRONT + "# Page\n\n" + text,
}


@pytest.fixture(scope="module")
def module_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "module"
    shutil.copytree(MINIMAL, root)
    return root


@settings(max_examples=50, deadline=timedelta(seconds=10), derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(sorted(TARGETS)), text=TEXT)
def test_random_sources_give_positioned_errors_or_success(module_root: Path, target: str, text: str):
    original = (MINIMAL / target).read_text(encoding="utf-8")
    (module_root / target).write_text(TARGETS[target](text), encoding="utf-8")
    try:
        load_and_check(module_root)
    except ModuleError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        assert errors, "a ModuleError without an error"
        for problem in errors:
            assert problem.pos.file, f"an error without a file: {problem}"
            if problem.pos.file.endswith(target):
                assert problem.pos.line >= 1, f"an error in {target} without a line: {problem}"
    finally:
        (module_root / target).write_text(original, encoding="utf-8")
