"""YAML to plain data, remembering where every key and value came from.

PyYAML's composed node tree carries line and column marks; we walk it ourselves so that a
pydantic error `loc` can be mapped back to `file:line:col`. The resolver is YAML 1.2-like:
`no`, `on`, `yes` stay strings (a language code `no` must not become False).

Author files are semi-trusted, so the loader refuses what only an attacker needs: anchors and
aliases (a 1 KB "billion laughs" file expands to gigabytes), nesting deeper than any module needs
(deep nesting exhausts Python's stack), and `.nan`/`.inf` (they break the player's JSON).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from stce_scorm.errors import Problem, SourcePos, error

Path_ = tuple  # a path into the data: keys and list indexes


MAX_DEPTH = 32  # the deepest real source (an assessment's scenario choices) nests about 10 levels


class _Refused(yaml.MarkedYAMLError):
    """YAML that is valid but refused: anchors, aliases, excessive nesting."""

    def __init__(self, problem: str, hint: str, mark: yaml.Mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.problem: str = problem
        self.problem_mark: yaml.Mark = mark
        self.hint = hint


class _Refusals:
    """Composing with no anchors or aliases, and a bounded depth (mixed into both loaders below)."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser this is mixed with
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise _Refused(f"YAML anchors and aliases ('{sign}{event.anchor}') are not allowed",
                           "write the value out in full where it is needed", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"the YAML is nested more than {MAX_DEPTH} levels deep",
                               "flatten the structure: no module file needs this depth", event.start_mark)
            return super().compose_node(parent, index)  # type: ignore[misc]  # the composer mixed in
        finally:
            self.depth -= 1


class _Loader(_Refusals, yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans only, no anchors or aliases, and a bounded depth."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(_Refusals, Composer, CParser, SafeConstructor, Resolver):
        """The same rules, with LibYAML scanning and parsing in C.

        PyYAML's own C loader (CSafeLoader) also composes in C, where our refusals cannot hook in; here
        LibYAML only yields events, with their marks, and PyYAML's composer (Python, cheap) builds the node
        tree, so anchors and depth are refused as above. Scanning in pure Python was most of a build's load
        time (0.25 s of CPU for the WMD module; 0.03 s this way). Errors are reported by the pure-Python
        loader (see load_yaml), whose messages the authoring guide and the bad-inputs corpus quote."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        flow = 0  # how many flow collections ('[...]', '{...}') enclose the node being composed

        def compose_node(self, parent, index):
            event = self.peek_event()
            if getattr(event, "tag", None) is not None:  # LibYAML reads some tags otherwise
                raise _NotVouchedFor
            if isinstance(event, yaml.ScalarEvent) and not event.style and (
                    not event.value  # an empty value: LibYAML may place it a column further on
                    or (self.flow and "?" in event.value)):  # PyYAML ends a plain value at '?' in '[...]' and '{...}'
                raise _NotVouchedFor
            opens_flow = getattr(event, "flow_style", False) is True
            self.flow += opens_flow
            try:
                return super().compose_node(parent, index)
            finally:
                self.flow -= opens_flow

    class _NotVouchedFor(yaml.YAMLError):
        """Input the fast path leaves to the pure-Python loader."""
else:  # a PyYAML built without LibYAML: the pure-Python loader does it all, slower
    _FastLoader = None  # type: ignore[assignment,misc]


for _cls in (_Loader, _FastLoader) if _FastLoader is not None else (_Loader,):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )


@dataclass
class Located:
    """Plain data from a YAML document plus the position of each path in it."""

    data: object
    positions: dict[Path_, SourcePos] = field(default_factory=dict)  # of a mapping value: its key
    problems: list[Problem] = field(default_factory=list)
    value_positions: dict[Path_, SourcePos] = field(default_factory=dict)  # of the value itself

    def value_pos(self, path: Path_) -> SourcePos:
        """Where the value at `path` is written (an error about a value points at the value)."""
        return self.value_positions.get(tuple(path)) or self.pos(path)

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
    text = text.removeprefix("\ufeff")  # a byte-order mark some Windows editors write: not content
    node = _compose_fast(text)
    try:
        if node is _FAILED:  # the pure-Python loader, for the exact message and position of the problem
            node = yaml.compose(text, Loader=_Loader)
    except _Refused as exc:
        mark = exc.problem_mark
        result.problems.append(error(SourcePos(file, mark.line + 1 + line_offset, mark.column + 1),
                                     exc.problem, exc.hint))
        return result
    except yaml.MarkedYAMLError as exc:
        result.problems.append(_syntax_problem(exc, text, file, line_offset))
        return result
    except yaml.reader.ReaderError as exc:  # a control character, often pasted from a PDF
        before = text[:exc.position]
        pos = SourcePos(file, before.count("\n") + 1 + line_offset, exc.position - before.rfind("\n"))
        result.problems.append(error(pos, f"the text contains the control character U+{exc.character:04X}",
                                     "delete it: most editors do not show it, so retype the line"))
        return result
    except yaml.YAMLError as exc:
        result.problems.append(error(SourcePos(file), f"YAML error: {exc}"))
        return result
    except RecursionError:  # a last resort: the depth bound above should make this unreachable
        result.problems.append(error(SourcePos(file, 1 + line_offset, 1), "the YAML is nested too deeply",
                                     "flatten the structure"))
        return result
    if node is None:
        result.data = {}
        return result
    constructor = _Loader("")

    def build(node: yaml.Node, path: Path_) -> object:
        result.positions[path] = result.value_positions[path] = SourcePos(
            file, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Unusable(SourcePos(file, key_node.start_mark.line + 1 + line_offset,
                                              key_node.start_mark.column + 1),
                                    "a key must be plain text", "write 'key: value'")
                key = scalar(key_node)
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
        return scalar(node)

    def scalar(node: yaml.Node) -> object:
        pos = SourcePos(file, node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
        try:
            value = constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise _Unusable(pos, f"YAML error: {exc.problem}", "remove the YAML tag") from None
        except (ValueError, TypeError, OverflowError):  # an explicit tag on a value that does not fit it
            raise _Unusable(pos, f"'{node.value}' cannot be read as !!{node.tag.rsplit(':', 1)[-1]}",
                            "remove the YAML tag ('!!...') and write the value plainly") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _Unusable(pos, f"'{node.value}' is not a number a module can use",
                            "write an ordinary number, e.g. 12.5")
        return value

    try:
        result.data = build(node, ())
    except _Unusable as exc:
        result.problems.append(error(exc.pos, exc.message, exc.hint))
    return result


_FAILED = object()
_COMMENT_AFTER_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*#")  # '|#': LibYAML reads a comment, PyYAML an error


def _compose_fast(text: str) -> Any:
    """The node tree composed from LibYAML's events, or _FAILED for anything the fast path does not
    vouch for: any error, characters PyYAML's reader refuses, tabs and explicit tags (LibYAML reads some
    of those otherwise than PyYAML, and the two must agree)."""
    if (_FastLoader is None or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text)
            or _COMMENT_AFTER_BLOCK_HEADER.search(text)):
        return _FAILED
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return _FAILED
    finally:
        loader.dispose()
    # A bare value is never a valid source file, and an empty one after '---' is placed otherwise by LibYAML.
    return _FAILED if isinstance(node, yaml.ScalarNode) else node


class _Unusable(Exception):
    """A value the loader cannot turn into data; becomes a problem at the value's position."""

    def __init__(self, pos: SourcePos, message: str, hint: str):
        super().__init__(message)
        self.pos, self.message, self.hint = pos, message, hint


_SYNTAX_HINT = "check indentation and quote values that contain ': ' or start with a special character"


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, line_offset: int) -> Problem:
    """A syntax error where the author must look: an unclosed quote where it opens, a tab named as such."""
    def at(mark: yaml.Mark | None) -> SourcePos:
        return SourcePos(file, mark.line + 1 + line_offset, mark.column + 1) if mark else SourcePos(file)

    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        return error(at(exc.context_mark), "YAML syntax error: this quoted value is never closed",
                     "close the quote on the same value, or escape a quote inside it")
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    has_tab = mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]
    hint = "indent with spaces, not tabs" if has_tab else _SYNTAX_HINT
    return error(at(mark), f"YAML syntax error: {exc.problem or exc.context}", hint)
