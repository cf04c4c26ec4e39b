"""Atomic writes: the one way the package writes a file that a person, an LMS or a later build reads.

Each file is written beside its destination under a hidden temporary name and renamed over it, so a
reader, a crash or a failed build never meets half a file (STYLE rule 1). The rename is atomic
because both names are in one folder. Files are made 0644: mkstemp makes 0600, and packages, notes,
storyboards and kits are meant to be shared.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o644


@contextmanager
def atomic_file(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends, and vanishes if it raises. `durable`
    also flushes it to disk first, for a file worth a crash-proof write (a package)."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | str, *, durable: bool = False) -> Path:
    """Write `data` (text as UTF-8) to `path` atomically; return `path`."""
    with atomic_file(path, durable=durable) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write every file beside its destination, then rename them all: all of them, or none."""
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            written.append((Path(name), path))
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.chmod(name, FILE_MODE)
        for temporary, path in written:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
