"""The player's pages delivered in fragments, so the first page costs the same whatever the module's size.

index.html holds the player's shell, the first page and the player's data with each
question reduced to its shape (what reading and writing the saved state needs). Every other part of a
lesson, each assessment and the glossary travel as a small classic script, `pages/<name>.js`, that calls
`STCE.fragment(name, {...})`: the player adds it with a script tag when the learner goes there, or while
idle just before. Script tags because fetch and XHR do not work from file://, and the Moodle app plays
packages from files. The fragments hold the same sealed answer keys index.html held (render/answer_keys.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

FRAGMENT_DIR = "pages"
PART_BYTES = 12_000  # a lesson is cut into parts of about this much page HTML; a larger page is a part alone
SHAPE_KEYS = ("id", "type", "choices", "pairs", "items", "entries", "covers")


@dataclass(frozen=True)
class Part:
    """Consecutive pages of one lesson, delivered together: `<lesson id>-<n>`, n from 1."""

    lesson: str
    number: int
    anchors: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.lesson}-{self.number}"


def lesson_parts(lesson: str, pages: list[tuple[str, int]], first_alone: bool = False,
                 budget: int = PART_BYTES) -> list[Part]:
    """A lesson's pages (anchor, size of their HTML) cut, in order, into parts of at most `budget` bytes;
    with `first_alone`, the first page is a part by itself (the one index.html holds)."""
    parts: list[list[str]] = []
    size = budget
    for number, (anchor, page_size) in enumerate(pages):
        if size + page_size > budget or (first_alone and number == 1):
            parts.append([])
            size = 0
        parts[-1].append(anchor)
        size += page_size
    return [Part(lesson, n, tuple(anchors)) for n, anchors in enumerate(parts, 1)]


def fragment_path(name: str) -> str:
    return f"{FRAGMENT_DIR}/{name}.js"


def fragment_script(name: str, payload: dict) -> bytes:
    """A fragment file: one call the player defines. JSON is a JavaScript literal; U+2028/9 are escaped
    for older engines. No HTML escaping is needed: the file is a script of its own, not inside a page."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"STCE.fragment({json.dumps(name)}, {text});\n".encode()


def shape(question: dict) -> dict:
    """What the saved state's layout needs of a question (runtime/state.js): ids, type and option ids."""
    reduced = {key: question[key] for key in SHAPE_KEYS if key in question}
    if question["type"] == "scenario":
        reduced["questions"] = [shape(inner) for inner in question["questions"]]
    return reduced


def details(question: dict) -> dict[str, dict]:
    """The rest of a question's data, by question id (the player merges it into the shape on arrival)."""
    if question["type"] == "scenario":
        found: dict[str, dict] = {}
        for inner in question["questions"]:
            found |= details(inner)
        return found
    return {question["id"]: {key: value for key, value in question.items() if key not in SHAPE_KEYS}}


def check_parts(data: dict, parts: list[Part]) -> dict[str, Part]:
    """The part of `parts` each knowledge check travels in: the one holding the page it is placed on."""
    part_of = {anchor: part for part in parts for anchor in part.anchors}
    return {check: part_of[page["anchor"]] for page in data["pages"] if page["anchor"] in part_of
            for check in page["checks"]}


def part_details(data: dict, parts: list[Part]) -> dict[str, dict]:
    """The question details each of `parts` carries (those of the knowledge checks on its pages), by part name."""
    found: dict[str, dict] = {}
    for qid, part in check_parts(data, parts).items():
        found.setdefault(part.name, {}).update(details(data["questions"][qid]))
    return found


def delivery_data(data: dict, lessons: list[tuple[str, list[str]]], parts: list[Part], inline: Part) -> tuple[dict, dict]:
    """The player's data as index.html carries it, and the question details per fragment name.

    `lessons`: (lesson id, page ids) in order. The page list becomes a compact layout (a 1,000-page module
    would otherwise spend 50 KB on it: page ids joined by spaces, the index where each part starts) that
    the player expands into the same `pages` entries."""
    part_of = {anchor: part for part in parts for anchor in part.anchors}
    starts = {}
    for lesson, page_ids in lessons:
        anchors = [f"{lesson}-{page}" for page in page_ids]
        starts[lesson] = [i for i, anchor in enumerate(anchors) if i == 0 or part_of[anchor] != part_of[anchors[i - 1]]]
    layout = {
        "lessons": [[lesson, " ".join(page_ids), starts[lesson]] for lesson, page_ids in lessons],
        "checks": {page["anchor"]: page["checks"] for page in data["pages"] if page["checks"]},
        "after": [[page["anchor"], page["kind"]] for page in data["pages"] if page["kind"] != "lesson"],
        "inline": inline.name,
    }
    shipped = [part for part in parts if part is not inline]
    travels = check_parts(data, shipped)
    questions = {qid: shape(question) if qid in travels else question for qid, question in data["questions"].items()}
    per_fragment = part_details(data, shipped)
    assessments = []
    for assessment in data["assessments"]:
        fragment = f"assessment-{assessment['id']}"
        pools = []
        for pool in assessment["pools"]:
            pools.append({**pool, "questions": [shape(q) for q in pool["questions"]]})
            for question in pool["questions"]:
                per_fragment.setdefault(fragment, {}).update(details(question))
        assessments.append({**assessment, "pools": pools})
    delivered = {key: value for key, value in data.items() if key != "pages"}
    delivered |= {"layout": layout, "questions": questions, "assessments": assessments}
    return delivered, per_fragment
