"""Load a module folder into positioned models: module.yaml, lessons, question files, glossary.

Loading never stops at the first problem: it gathers what it can and returns every problem,
so an author fixes a whole run's worth of mistakes at once.
"""

from __future__ import annotations

from pathlib import Path

from stce_scorm.errors import Problem, SourcePos, error
from stce_scorm.source import paths
from stce_scorm.source.markdown import split_pages
from stce_scorm.source.models import (
    Assessment, Glossary, Lesson, LessonFrontMatter, Module, ModuleConfig, QuestionFile,
)
from stce_scorm.source.validation import validate
from stce_scorm.source.yaml_loader import load_yaml

MODULE_FILE = "module.yaml"
# The longest real lesson is about 40 KB; a larger source is a mistake, or an attack on build time
# (Markdown parsing of pathological text costs ~10 µs per character).
MAX_SOURCE_BYTES = 512 * 1024


def load_module(root: Path) -> tuple[Module | None, list[Problem]]:
    """Read a module folder; returns the module (None if unusable) and every problem found."""
    root = Path(root)
    config_path = root / MODULE_FILE
    if not config_path.is_file():
        return None, [error(SourcePos(paths.shown(config_path)), "module.yaml not found",
                            "give the folder that holds module.yaml, e.g. modules/wmd_emerging_tech")]
    problems: list[Problem] = []
    config = _load_yaml_model(ModuleConfig, config_path, problems)
    if config is None:
        return None, problems

    lessons = [lesson for path in _files(root, config, "lessons", problems)
               if (lesson := _load_lesson(path, problems)) is not None]
    checks = [q for path in _files(root, config, "knowledge_checks", problems)
              if (qf := _load_yaml_model(QuestionFile, path, problems)) for q in qf.questions]
    assessments = [a for path in _files(root, config, "assessments", problems)
                   if (a := _load_yaml_model(Assessment, path, problems))]
    terms = []
    if config.glossary:
        path, problem = paths.resolve(root, config.glossary, config.field_pos("glossary"), "glossary file")
        if problem:
            problems.append(problem)
        elif path is not None and (glossary := _load_yaml_model(Glossary, path, problems)):
            terms = glossary.terms
    module = Module(root=root, config=config, lessons=lessons, knowledge_checks=checks,
                    assessments=assessments, glossary=terms)
    module._pos = config.pos
    return module, problems


def lesson_paths(module: Module) -> list[Path]:
    """The files module.yaml lists under `lessons`, in order: for a module loaded without problems, the file
    each of `module.lessons` came from."""
    return _files(module.root, module.config, "lessons", [])


def load_lesson(path: Path) -> tuple[Lesson | None, list[Problem]]:
    """One lesson file, read as `load_module` reads it (the preview re-reads a saved lesson alone)."""
    problems: list[Problem] = []
    return _load_lesson(path, problems), problems


def _files(root: Path, config: ModuleConfig, key: str, problems: list[Problem]) -> list[Path]:
    value = getattr(config, key)
    found: list[Path] = []
    seen: set[str] = set()
    for index, written in enumerate(value):
        pos = config.field_pos(key, index)
        if written in seen:
            problems.append(error(pos, f"'{written}' is listed twice in '{key}'", "list each file once", key))
            continue
        seen.add(written)
        path, problem = paths.resolve(root, written, pos, "file")
        if problem:
            problems.append(problem)
        elif path is not None:
            found.append(path)
    return found


def _load_yaml_model(model_cls, path: Path, problems: list[Problem]):
    text = _read_text(path, problems)
    if text is None:
        return None
    located = load_yaml(text, paths.shown(path))
    problems.extend(located.problems)
    if located.problems:
        return None
    model, found = validate(model_cls, located)
    problems.extend(found)
    return model


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            problems.append(error(SourcePos(paths.shown(path), 1, 1),
                                  f"the file is {size // 1024:,} KB; source files may be at most "
                                  f"{MAX_SOURCE_BYTES // 1024} KB",
                                  "split it into several lessons or question files"))
            return None
        # utf-8-sig: a byte-order mark (some Windows editors write one) is not content.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(error(SourcePos(paths.shown(path), line, 1), "the file is not valid UTF-8 text",
                              "save it with UTF-8 encoding"))
    except OSError as exc:
        problems.append(error(SourcePos(paths.shown(path)), f"cannot read the file: {exc.strerror}"))
    return None


def _load_lesson(path: Path, problems: list[Problem]) -> Lesson | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    file = paths.shown(path)
    lines = text.splitlines(keepends=True)
    if not text.strip():
        problems.append(error(SourcePos(file, 1, 1), "the lesson file is empty",
                              "start it with '---', the lesson's id, title, objectives and minutes, "
                              "then '---' and the pages"))
        return None
    if lines[0].strip() != "---":
        problems.append(error(SourcePos(file, 1, 1), "the lesson has no front matter",
                              "start the file with '---', the lesson's id, title, objectives and minutes, then '---'"))
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if closing is None:
        problems.append(error(SourcePos(file, 1, 1), "the front matter is not closed",
                              "end the YAML block with a line holding only '---'"))
        return None
    located = load_yaml("".join(lines[1:closing]), file, line_offset=1)
    problems.extend(located.problems)
    if located.problems:
        return None
    front, found = validate(LessonFrontMatter, located)
    problems.extend(found)
    if front is None:
        return None
    pages, found = split_pages("".join(lines[closing + 1:]), file, closing + 2, front.id)
    problems.extend(found)
    lesson = Lesson(id=front.id, title=front.title, objectives=front.objectives, minutes=front.minutes,
                    file=file, pages=pages, key_points=front.key_points)
    lesson._pos = front.pos
    lesson._field_pos = dict(front._field_pos)
    return lesson
