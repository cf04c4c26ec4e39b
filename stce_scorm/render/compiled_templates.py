"""Compiled theme templates, kept so that a build does not compile them again.

Compiling the theme's templates took 0.05-0.1 s of every build. Jinja can keep compiled templates in a
bytecode cache (its own extension point, `jinja2.BytecodeCache`): this one keeps them in memory for the
life of the process (`preview` rebuilds after every save) and, when a build names a folder, on disk in
the user's cache beside the processed images, for the next build.

Never stale: Jinja files each template under its name and file path and stores its source's checksum
with the code, so an edited template or an override in a module's `templates/` is compiled anew. What
else decides the compiled code (Jinja's version, the environment's class, syntax settings, filters and
tests) is folded into every key, and Jinja's own header carries the Python version. A file that cannot
be read or written (a read-only cache, a half-written or corrupt file) only means compiling again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import jinja2.bccache

from stce_scorm.atomic_write import write_atomic

_MEMORY: dict[str, bytes] = {}  # key -> compiled code with Jinja's header: the process's copy


def compiled_templates(folder: Path | None = None, autoescape: tuple[str, ...] = ()) -> jinja2.BytecodeCache:
    """The bytecode cache for a theme environment: memory, and `folder` on disk when given. `autoescape`:
    the file extensions the environment autoescapes (Jinja's `select_autoescape` hides them in a function)."""
    return _CompiledTemplates(folder, autoescape)


def _settings(environment: jinja2.Environment, autoescape: tuple[str, ...]) -> str:
    """What, besides a template's source, decides its compiled code."""
    settings = (
        jinja2.__version__, type(environment).__module__, type(environment).__qualname__,
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, sorted(environment.extensions), sorted(environment.filters), sorted(environment.tests),
        autoescape,
    )
    return repr(settings)


class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self, folder: Path | None, autoescape: tuple[str, ...]) -> None:
        self.folder, self.autoescape = folder, autoescape

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        """Jinja's key (the template's name and file) with everything else that decides the code."""
        settings = _settings(bucket.environment, self.autoescape)
        return hashlib.sha256(f"{settings}|{bucket.key}".encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        code = _MEMORY.get(key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{key}.jinja").read_bytes()
            except OSError:
                return
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)  # resets the bucket if the header or the source's checksum differ
        except Exception:  # any error decoding a truncated or corrupt file: compile again
            bucket.reset()
        if bucket.code is not None:
            _MEMORY[key] = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        code = _MEMORY[key] = bucket.bytecode_to_string()
        if self.folder is not None:
            _write_quietly(self.folder / f"{key}.jinja", code)


def _write_quietly(path: Path, data: bytes) -> None:
    """Write `path` whole (atomically, so a concurrent build never reads half of it), or not at all: a
    cache that cannot be written must not fail the build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError:
        pass
