"""A module's editorial rules (module.yaml quality:) are enforced with positioned errors."""

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


def test_rules_are_off_by_default(example_copy):
    assert errors(example_copy) == []


def test_each_rule_reports_where_to_fix(example_copy):
    (example_copy.path / "module.yaml").write_text((example_copy.path / "module.yaml").read_text() + RULES)
    example_copy.edit("lessons/01-what-is-dual-use.md", "::: check kc_l1_list\n:::\n",
                      "::: check kc_l1_list\n:::\n\n# References {#references}\n\n- WCO, *STCE Programme* (2024)\n")
    example_copy.edit("lessons/02-at-the-border.md", "Follow your own administration's procedures.\n:::\n",
                      "Follow your own administration's procedures.\n:::\n\n# References {#references}\n\nNone yet.\n")
    found = "\n".join(errors(example_copy))
    l1 = example_copy.path / "lessons/01-what-is-dual-use.md"
    assert "lesson 'l1_dual_use' has 3 pages" not in found  # 3 is within [2, 3]
    assert "page 'p1' has 64 words; this module allows 40" in found
    assert "the references page of lesson 'l2_border' lists no source" in found
    assert "objective 'o1_define' is tested by 1 assessment question(s); this module asks for 2" in found
    line = next(n for n, text in enumerate(l1.read_text().splitlines(), 1) if text.startswith("  - id: o1_define"))
    assert f"01-what-is-dual-use.md:{line}:5: error: objective 'o1_define'" in found
