"""YAML to plain data, remembering where every key and value came from.

PyYAML's composed node tree carries line and column marks; we walk it ourselves so that a
pydantic error `loc` can be mapped back to `file:line:col`. The resolver is YAML 1.2-like:
`no`, `on`, `yes` stay strings (a language code `no` must not become False).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from stce_scorm.errors import Problem, SourcePos, error

Path_ = tuple  # a path into the data: keys and list indexes


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans only."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Located:
    """Plain data from a YAML document plus the position of each path in it."""

    data: object
    positions: dict[Path_, SourcePos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def pos(self, path: Path_) -> SourcePos:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, SourcePos(self.file))

    @property
    def file(self) -> str:
        return self.positions[()].file if () in self.positions else ""


def load_yaml(text: str, file: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; syntax errors become problems, never exceptions."""
    result = Located(data=None, positions={(): SourcePos(file, 1 + line_offset, 1)})
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = SourcePos(file, mark.line + 1 + line_offset, mark.column + 1) if mark else SourcePos(file)
        result.problems.append(
            error(pos, f"YAML syntax error: {exc.problem or exc.context}",
                  "check indentation and quote values that contain ': ' or start with a special character")
        )
        return result
    except yaml.YAMLError as exc:
        result.problems.append(error(SourcePos(file), f"YAML error: {exc}"))
        return result
    if node is None:
        result.data = {}
        return result
    constructor = _Loader("")

    def build(node: yaml.Node, path: Path_) -> object:
        result.positions[path] = SourcePos(file, node.start_mark.line + 1 + line_offset,
                                           node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in out:
                    result.problems.append(error(
                        SourcePos(file, key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1),
                        f"key '{key}' appears twice in the same mapping", "keep one of them", key=key))
                    continue
                out[key] = build(value_node, path + (key,))
                # Point at the key itself: that is where an author looks for "unknown key" and friends.
                result.positions[path + (key,)] = SourcePos(
                    file, key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        return constructor.construct_object(node, deep=True)

    try:
        result.data = build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        result.problems.append(error(SourcePos(file, mark.line + 1 + line_offset, mark.column + 1),
                                     f"YAML error: {exc.problem}", "remove the YAML tag"))
    return result
