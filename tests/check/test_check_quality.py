"""A module's editorial rules (module.yaml quality:) are enforced with positioned errors, here on a copy of the
smallest complete module (tests/fixtures/minimal)."""

from stce_scorm.check import check_module
from stce_scorm.check.quality import words
from stce_scorm.source.loader import load_module

RULES = """quality:
  max_words_per_page: 40
  questions_per_objective: 2
  references_page: references
  lesson_pages: [2, 3]
"""


def errors(copy) -> list[str]:
    module, problems = load_module(copy.path)
    assert not problems, problems
    return [str(p) for p in check_module(module) if p.severity == "error"]


def test_words_count_text_not_markup():
    assert words("# T\n\nOne *two* [[three|term]] ![alt](x.png)\n\n::: note Four\nfive\n:::\n") == 6


def test_rules_are_off_by_default(minimal_copy):
    assert errors(minimal_copy) == []


def test_each_rule_reports_where_to_fix(minimal_copy):
    (minimal_copy.path / "module.yaml").write_text((minimal_copy.path / "module.yaml").read_text() + RULES)
    minimal_copy.edit("lessons/01-dual-use.md", "::: check kc_l1_list\n:::\n",
                      "::: check kc_l1_list\n:::\n\n# References {#references}\n\nNone yet.\n")
    found = "\n".join(errors(minimal_copy))
    l1 = minimal_copy.path / "lessons/01-dual-use.md"
    assert "lesson 'l1_dual_use' has 3 pages" not in found  # 3 is within [2, 3]
    assert "page 'p1' has 48 words; this module allows 40" in found
    assert "the references page of lesson 'l1_dual_use' lists no source" in found
    assert "objective 'o1_define' is tested by 1 assessment question(s); this module asks for 2" in found
    line = next(n for n, text in enumerate(l1.read_text().splitlines(), 1) if text.startswith("  - id: o1_define"))
    assert f"01-dual-use.md:{line}:5: error: objective 'o1_define'" in found
