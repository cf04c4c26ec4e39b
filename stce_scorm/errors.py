"""One error tree for the whole tool.

Every error an author can cause carries a source position and a hint, and derives from
`click.ClickException`, so the CLI prints it without a traceback (MkDocs does the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import click


@dataclass(frozen=True, order=True)
class SourcePos:
    """Where a value came from: a file and a 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a module or a package, reported as `file:line:col: key: message (hint)`."""

    pos: SourcePos
    message: str
    hint: str = ""
    key: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.pos}: {self.severity}: {key}{self.message}{hint}"

    @property
    def sort_key(self) -> tuple:
        return (self.pos.file, self.pos.line, self.pos.col, self.message)


def error(pos: SourcePos, message: str, hint: str = "", key: str = "") -> Problem:
    return Problem(pos=pos, message=message, hint=hint, key=key)


def warning(pos: SourcePos, message: str, hint: str = "", key: str = "") -> Problem:
    return Problem(pos=pos, message=message, hint=hint, key=key, severity="warning")


class StceError(click.ClickException):
    """Root of every error the tool raises on purpose; click prints it without a traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class ModuleError(StceError):
    """A module's sources are wrong; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: p.sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the module sources")

    def format_message(self) -> str:
        lines = [str(p) for p in self.problems]
        errors = sum(1 for p in self.problems if p.severity == "error")
        lines.append(f"{errors} error(s); nothing was written.")
        return "\n".join(lines)


class PackageError(StceError):
    """A built package fails validation."""

    def __init__(self, package: Path | str, problems: list[Problem]):
        self.package = str(package)
        self.problems = problems
        super().__init__(f"{self.package}: {len(problems)} problem(s)")

    def format_message(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{self.package} is not a valid package.")
        return "\n".join(lines)


class UsageError(StceError):
    """A command was called with something that cannot work (a missing folder, an unknown theme)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(f"{message}" + (f" (hint: {hint})" if hint else ""))
