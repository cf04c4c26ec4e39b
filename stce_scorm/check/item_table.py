"""The per-bank table of `stce-scorm check --items`: what a designer reviews before a pilot.

Plain text in fixed columns, so it reads the same in a terminal, a CI log or an e-mail.
"""

from __future__ import annotations

from collections import Counter

from stce_scorm.check.items import Bank, banks, findings, key_index, length_ratio, no_spare, shuffled
from stce_scorm.source.models import Module, SingleChoice, TrueFalse

COLUMNS = ("id", "type", "objective", "key", "key/longest", "flags")


def _key(question, bank: Bank) -> str:
    if isinstance(question, SingleChoice):
        return f"{key_index(question) + 1}/{len(question.choices)}" + ("" if shuffled(bank, question) else " fixed")
    if isinstance(question, TrueFalse):
        return "true" if question.correct else "false"
    return "-"


def bank_rows(bank: Bank, flags: dict[str, list[str]]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for q in bank.questions:
        ratio = length_ratio(q) if isinstance(q, SingleChoice) else None
        rows.append((q.id, q.type, q.objective or "-", _key(q, bank), f"{ratio:.2f}" if ratio else "-",
                     ", ".join(sorted(set(flags.get(q.id, [])))) or "-"))
    return rows


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    line = lambda row: "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()  # noqa: E731
    return [line(COLUMNS), line(tuple("-" * w for w in widths)), *map(line, rows)]


def item_table(module: Module) -> str:
    """Every bank: counts per type and objective, single-choice key positions, then one row per item."""
    found = findings(module)
    flags: dict[str, list[str]] = {}
    for finding in found:
        flags.setdefault(finding.question_id, []).append(finding.rule)
    out: list[str] = []
    for bank in banks(module):
        types = Counter(q.type for q in bank.questions)
        objectives = Counter(q.objective or "-" for q in bank.questions)
        single = [q for q in bank.questions if isinstance(q, SingleChoice)]
        positions = Counter(key_index(q) + 1 for q in single)
        fixed = sum(1 for q in single if not shuffled(bank, q))
        out.append(f"== {bank.name}: {len(bank.questions)} items")
        out.append("types: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
        out.append("objectives: " + ", ".join(f"{o} {n}" for o, n in sorted(objectives.items())))
        if single:
            spread = ", ".join(f"{p}: {positions[p]}" for p in range(1, max(positions) + 1))
            note = ("harmless: the player shuffles every one of them" if not fixed
                    else f"{fixed} item(s) keep this order for learners")
            out.append(f"single-choice key positions as written ({spread}); {note}")
        if thin := no_spare(bank, module):
            out.append("no spare question for retakes (all drawn every time): "
                       + ", ".join(f"{o} ({n} needed)" for o, n in thin))
        items = {q.id for q in bank.questions}
        for finding in (f for f in found if f.question_id not in items and bank.name in f.message):
            # objective-level findings have no row of their own
            out.append(f"flag {finding.rule}: {finding.message}")
        out += _table(bank_rows(bank, flags))
        out.append("")
    return "\n".join(out)
