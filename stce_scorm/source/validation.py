"""Validate located YAML data against a source model, reporting errors at the author's line.

Pydantic reports a `loc` such as `('pools', 0, 'questions', 3, 'single_choice', 'choices')`.
We walk the data along it (skipping union tags, which are not in the data) to find the
position that PyYAML recorded, and rewrite pydantic's message into an author's terms.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from stce_scorm.errors import Problem, error
from stce_scorm.source.models import ID_HINT, SourceModel
from stce_scorm.source.yaml_loader import Located

M = TypeVar("M", bound=BaseModel)


def validate(model_cls: type[M], located: Located) -> tuple[M | None, list[Problem]]:
    """Build `model_cls` from located data; on failure return every problem with its position."""
    if not isinstance(located.data, dict):
        return None, [error(located.pos(()), f"expected a mapping of keys for {model_cls.__name__}",
                            "write 'key: value' lines at the top level")]
    try:
        model = model_cls.model_validate(located.data)
    except ValidationError as exc:
        return None, [_problem(model_cls, located, err) for err in exc.errors()]
    attach_positions(model, located, ())
    return model, []


def attach_positions(model: object, located: Located, path: tuple) -> None:
    """Give every source model inside `model` its own position and its fields' positions."""
    if isinstance(model, SourceModel):
        model._pos = located.pos(path)
        for name in type(model).model_fields:
            if path + (name,) in located.positions:
                model._field_pos[name] = located.positions[path + (name,)]
            value = getattr(model, name)
            if isinstance(value, list):
                for index in range(len(value)):
                    if path + (name, index) in located.positions:
                        model._field_pos[f"{name}.{index}"] = located.positions[path + (name, index)]
            if isinstance(value, dict):  # a mapping's entries, by key: field_pos(name, key)
                for key in value:
                    if path + (name, key) in located.positions:
                        model._field_pos[f"{name}.{key}"] = located.positions[path + (name, key)]
            attach_positions(value, located, path + (name,))
    elif isinstance(model, list):
        for index, item in enumerate(model):
            attach_positions(item, located, path + (index,))


def _data_path(data: object, loc: tuple) -> tuple[tuple, list]:
    """The part of `loc` that exists in the data, and the remaining elements."""
    path: list = []
    node = data
    rest: list = []
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        else:
            rest.append(part)
    return tuple(path), rest


def _problem(model_cls: type[BaseModel], located: Located, err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    path, _ = _data_path(located.data, loc)
    key = ".".join(str(p) for p in path)
    kind = err["type"]
    pos = located.pos(path)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(model_cls, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"allowed keys here: {', '.join(sorted(allowed))}" if allowed else "remove it")
        return error(pos, f"unknown key '{name}'", hint, key)
    if kind == "missing":
        name = str(loc[-1])
        field = _field_info(model_cls, loc)
        hint = f"add '{name}:'" + (f" ({field.description.rstrip('.')})" if field and field.description else "")
        return error(pos, f"required key '{name}' is missing", hint, key or name)
    if kind == "string_pattern_mismatch":
        field = _field_info(model_cls, loc)
        hint = field.description if field and field.description else ID_HINT
        return error(pos, f"'{err['input']}' is not allowed here", hint.rstrip("."), key)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = err.get("ctx", {}).get("expected_tags", "")
        return error(pos, "unknown or missing question 'type'", f"use one of: {tags}", key)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return error(pos, f"'{err['input']}' is not one of the allowed values", f"use {expected}", key)
    # Everything else is about the value: point at the value, and say it in the author's words.
    pos = located.value_pos(path) if path and path[-1] == loc[-1] else pos
    message, hint = _value_wording(kind, err)
    return error(pos, message, hint, key)


_SHAPES = {
    "string_type": ("text", "write text; put quotes around values YAML reads as numbers or dates"),
    "list_type": ("a list", "write a list: one '- item' per line"),
    "dict_type": ("'key: value' lines", "write 'key: value' lines, indented under this key"),
    "model_type": ("'key: value' lines", "write 'key: value' lines, indented under this key"),
    "model_attributes_type": ("'key: value' lines", "write 'key: value' lines, indented under this key"),
    "bool_type": ("true or false", "write true or false"),
    "bool_parsing": ("true or false", "write true or false"),
    "int_type": ("a whole number", "write a number without quotes, e.g. 12"),
    "int_parsing": ("a whole number", "write a number without quotes, e.g. 12"),
    "int_from_float": ("a whole number", "write a number without a decimal part, e.g. 12"),
    "float_type": ("a number", "write a number without quotes, e.g. 12.5"),
    "float_parsing": ("a number", "write a number without quotes, e.g. 12.5"),
}


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _value_wording(kind: str, err: ErrorDetails) -> tuple[str, str]:
    """Pydantic's message for a bad value, rewritten to name the value and say what to write."""
    value, ctx = err.get("input"), err.get("ctx", {})
    if kind in _SHAPES:
        shape, hint = _SHAPES[kind]
        return f"{_shown(value)} is not {shape}", hint
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        if not value:
            return "the list is empty", f"list at least {least} item{'s' if least != 1 else ''}"
        return f"the list has {len(value)} item(s); at least {least} are needed", "add items"
    if kind == "too_long":
        return f"the list has {len(value or [])} items; at most {ctx.get('max_length')} are allowed", "remove items"
    if kind == "string_too_short":
        return "the text is empty", "write the text, or remove the key if it is optional"
    if kind == "string_too_long":
        return f"the text is {len(value or '')} characters long; at most {ctx.get('max_length')} are allowed", "shorten it"
    limits = {"greater_than": "greater than", "greater_than_equal": "at least", "less_than": "less than",
              "less_than_equal": "at most"}
    if kind in limits:
        bound = next(iter(ctx.values()), "")
        return f"{_shown(value)} is out of range: it must be {limits[kind]} {bound}", "change the number"
    return _plain(err["msg"]), ""


def _plain(msg: str) -> str:
    msg = msg.removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]


def _walk_type(annotation: object, part: object) -> object | None:
    """One step down a type along a loc element; None where we cannot follow."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _walk_type(args[0], part)
    if origin in (list, tuple) and isinstance(part, int):
        return args[0] if args else None
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in args:
            inner = typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                tag_field = inner.model_fields.get("type")
                if tag_field is not None and part in typing.get_args(tag_field.annotation):
                    return inner
            if typing.get_origin(inner) in (typing.Union, typing.Annotated):
                found = _walk_type(inner, part)
                if found is not None:
                    return found
        non_none = [a for a in args if a is not type(None)]
        return _walk_type(non_none[0], part) if len(non_none) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    return None


def _model_at(model_cls: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: object = model_cls
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str) \
                and part not in current.model_fields:
            return None
        nxt = _walk_type(current, part)
        if nxt is None:
            return None
        current = nxt
    while typing.get_origin(current) is typing.Annotated:
        current = typing.get_args(current)[0]
    if typing.get_origin(current) in (typing.Union, types.UnionType):  # Optional[X] and `X | None` alike
        models = [a for a in typing.get_args(current) if isinstance(a, type) and issubclass(a, BaseModel)]
        current = models[0] if len(models) == 1 else current
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _allowed_keys(model_cls: type[BaseModel], loc: tuple) -> list[str]:
    model = _model_at(model_cls, loc)
    return list(model.model_fields) if model else []


def _field_info(model_cls: type[BaseModel], loc: tuple):
    model = _model_at(model_cls, loc[:-1])
    return model.model_fields.get(str(loc[-1])) if model else None
