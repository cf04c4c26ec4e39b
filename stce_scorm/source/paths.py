"""Paths an author writes: relative to the module folder, and never leaving it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

from stce_scorm.errors import Problem, SourcePos, error

SAFE_NAME = re.compile(r"^[a-z0-9._-]+$")


def resolve(root: Path, written: str, pos: SourcePos, what: str = "file") -> tuple[Path | None, Problem | None]:
    """Turn an author's path into a real file inside `root`, or a problem saying why not."""
    if not written or not written.strip():
        return None, error(pos, f"empty {what} path", f"write the path of the {what} relative to the module folder")
    if "\\" in written:
        return None, error(pos, f"'{written}' uses backslashes", "use forward slashes: 'media/map.png'")
    if "://" in written or written.startswith("//"):
        return None, error(pos, f"'{written}' points outside the package",
                           "copy the file into the module's media/ folder: packages must be self-contained")
    posix = PurePosixPath(written)
    if posix.is_absolute():
        return None, error(pos, f"'{written}' is an absolute path", "write it relative to the module folder")
    if ".." in posix.parts:
        return None, error(pos, f"'{written}' leaves the module folder ('..')",
                           "keep the file inside the module and write its path from the module folder")
    path = root.joinpath(*posix.parts)
    if not path.exists() and not path.is_symlink():
        return None, error(pos, f"{what} '{written}' does not exist", _missing_hint(root, posix))
    real_root = root.resolve()
    real = path.resolve()
    if real != real_root and real_root not in real.parents:
        return None, error(pos, f"'{written}' is a link to a place outside the module",
                           "copy the file into the module instead of linking to it")
    if not real.is_file():
        return None, error(pos, f"'{written}' is not a file", f"give the path of a {what}")
    return path, None


def shown(path: Path) -> str:
    """A path as the author sees it: relative to the working folder when possible."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _missing_hint(root: Path, written: PurePosixPath) -> str:
    folder = root.joinpath(*written.parent.parts)
    if folder.is_dir():
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
        import difflib

        same = [n for n in names if _comparable(n) == _comparable(written.name)]
        if same:  # "did you mean '<the same name>'" would puzzle: say what differs
            how = "letter case" if same[0].casefold() == written.name.casefold() else "Unicode form of a letter"
            return (f"the file is named '{(written.parent / same[0]).as_posix()}': the {how} differs; "
                    "write the name exactly as it is" + ("" if how == "letter case" else ", or rename the file "
                                                              "with plain a-z letters"))
        close = difflib.get_close_matches(written.name, names, n=1)
        if close:
            return f"did you mean '{(written.parent / close[0]).as_posix()}'?"
    return "check the spelling, or add the file"


def _comparable(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def package_name_problem(written: str, pos: SourcePos) -> Problem | None:
    """File and folder names in a package must be `[a-z0-9._-]` (Moodle mangles others; a folder named
    `%2e%2e` reads as '..' once an LMS decodes it)."""
    parts = PurePosixPath(written).parts
    for index, name in enumerate(parts):
        if not SAFE_NAME.match(name) or name.startswith("."):
            fixed = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.") or "file"
            what = "file" if index == len(parts) - 1 else "folder"
            return error(pos, f"{what} name '{name}' is not safe for LMS packages",
                         f"rename it to '{fixed}': lower-case letters, digits, '.', '_' and '-' only")
    return None
