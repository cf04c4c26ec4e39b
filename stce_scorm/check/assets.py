"""Media files: present, inside the module, safely named, readable, and described for screen readers."""

from __future__ import annotations

from pathlib import Path

from stce_scorm.check.linked_documents import pdf_problems
from stce_scorm.errors import Problem, SourcePos, error, warning
from stce_scorm.content.images import image_problems
from stce_scorm.source import paths
from stce_scorm.source.models import Module
from stce_scorm.source.texts import media_uses

MEDIA_FOLDER = "media"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff"}
# Documents a lesson may link to; they are packaged as they are, after the checks in check/linked_documents.py.
# Executables and web pages (.html, .xhtml, .xml, .js) are not: they would run in the LMS's origin.
FILE_SUFFIXES = {".pdf", ".txt", ".csv", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".mp3", ".mp4", ".webm"}


def check_assets(module: Module) -> list[Problem]:
    problems: list[Problem] = []
    checked: set[Path] = set()
    for use in media_uses(module):
        if use.kind == "file":
            problems += _linked_file(module, use, checked)
            continue
        if not use.alt:
            problems.append(error(use.pos, f"image '{use.src}' has no alt text (in {use.where})",
                                  "describe what the image shows: ![a map of the transit route](media/route.svg); "
                                  "a purely decorative image does not belong in lesson content"))
        path, problem = paths.resolve(module.root, use.src, use.pos, "image")
        if problem:
            problems.append(problem)
            continue
        assert path is not None  # resolve gives a path whenever it gives no problem
        if Path(use.src).parts[0] != MEDIA_FOLDER:
            problems.append(error(use.pos, f"image '{use.src}' is not in the module's media/ folder",
                                  f"move it to media/ and write 'media/{Path(use.src).name}'"))
            continue
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            problems.append(error(use.pos, f"'{use.src}' is not a supported image type",
                                  f"use one of: {', '.join(sorted(IMAGE_SUFFIXES))}"))
            continue
        if (problem := paths.package_name_problem(use.src, use.pos)) is not None:
            problems.append(problem)
        if path not in checked:
            checked.add(path)
            problems += image_problems(path, SourcePos(paths.shown(path)))
    media = module.root / MEDIA_FOLDER
    if media.is_dir():
        used = {p.resolve() for p in checked}
        for file in sorted(media.rglob("*")):
            if file.is_file() and file.resolve() not in used and not file.name.startswith("."):
                problems.append(warning(SourcePos(paths.shown(file)),
                                        "this media file is not used and will not be packaged",
                                        "use it in a lesson or delete it"))
    return problems


def _linked_file(module: Module, use, checked: set[Path]) -> list[Problem]:
    """A document linked from the text: it must be a known type in media/, or the link breaks in the package."""
    path, problem = paths.resolve(module.root, use.src, use.pos, "linked file")
    if problem:
        return [problem]
    assert path is not None  # resolve gives a path whenever it gives no problem
    if Path(use.src).parts[0] != MEDIA_FOLDER:
        return [error(use.pos, f"linked file '{use.src}' is not in the module's media/ folder",
                      f"move it to media/ and link to 'media/{Path(use.src).name}'")]
    if path.suffix.lower() not in FILE_SUFFIXES | IMAGE_SUFFIXES:
        return [error(use.pos, f"'{use.src}' is not a document type a package may carry",
                      f"link to one of: {', '.join(sorted(FILE_SUFFIXES))}")]
    checked.add(path)
    problems = [problem] if (problem := paths.package_name_problem(use.src, use.pos)) else []
    if path.suffix.lower() in IMAGE_SUFFIXES:  # opened on its own, an SVG's script runs: same check as embedded
        problems += image_problems(path, SourcePos(paths.shown(path)))
    elif path.suffix.lower() == ".pdf":
        problems += pdf_problems(path, SourcePos(paths.shown(path)))
    return problems
