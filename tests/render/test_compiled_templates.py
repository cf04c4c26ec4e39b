"""Compiled templates kept on disk between builds (render/compiled_templates.py): used when nothing that
decides them changed, never stale, and never a reason for a build to fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from stce_scorm.errors import SourcePos
from stce_scorm.render import compiled_templates
from stce_scorm.render.theme import Theme, load_theme


@pytest.fixture
def new_process(monkeypatch):
    """Start each render as a new process would: nothing compiled in memory, only what is on disk."""
    def start() -> None:
        monkeypatch.setattr(compiled_templates, "_MEMORY", {})
    start()
    return start


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _theme(module: Path, name: str = "base") -> Theme:
    theme, problems = load_theme(name, module, SourcePos("module.yaml"))
    assert not problems
    return theme


def _render(theme: Theme, folder: Path, template: str = "greeting.html", **values) -> str:
    return theme.environment(folder).get_template(template).render(**values)


def _kept(folder: Path) -> dict[Path, int]:
    """Each kept file and when it was last written."""
    return {path: path.stat().st_mtime_ns for path in folder.iterdir()}


def test_a_new_process_reads_the_compiled_template_from_disk(tmp_path, new_process):
    module, folder = tmp_path / "module", tmp_path / "cache" / "templates"
    _write(module / "templates" / "greeting.html", "<p>{{ name }} one</p>")
    assert _render(_theme(module), folder, name="A") == "<p>A one</p>"
    kept = _kept(folder)
    assert len(kept) == 1
    new_process()
    assert _render(_theme(module), folder, name="B") == "<p>B one</p>"
    assert _kept(folder) == kept, "read from disk, not compiled and written again"


def test_an_edited_template_is_compiled_again_in_a_new_process(tmp_path, new_process):
    module, folder = tmp_path / "module", tmp_path / "cache" / "templates"
    template = _write(module / "templates" / "greeting.html", "<p>{{ name }} one</p>")
    assert _render(_theme(module), folder, name="A") == "<p>A one</p>"
    new_process()
    _write(template, "<p>{{ name }} two</p>")
    assert _render(_theme(module), folder, name="B") == "<p>B two</p>"
    new_process()
    assert _render(_theme(module), folder, name="C") == "<p>C two</p>"


def test_another_theme_or_an_override_is_never_served_the_code_of_the_template_it_replaces(tmp_path, new_process):
    module, folder = tmp_path / "module", tmp_path / "cache" / "templates"
    for name in ("first", "second"):
        _write(module / "themes" / name / "theme.yaml", f"name: {name}\n")
        _write(module / "themes" / name / "templates" / "greeting.html", f"{name} {{{{ name }}}}")
    assert _render(_theme(module, "first"), folder, name="A") == "first A"
    new_process()
    assert _render(_theme(module, "second"), folder, name="B") == "second B"
    new_process()
    _write(module / "templates" / "greeting.html", "override {{ name }}")
    assert _render(_theme(module, "second"), folder, name="C") == "override C"
    new_process()
    assert _render(_theme(module, "first"), folder, name="D") == "override D"


def test_environments_with_other_settings_do_not_share_compiled_code(tmp_path, new_process):
    module, folder = tmp_path / "module", tmp_path / "cache" / "templates"
    _write(module / "templates" / "greeting.html", "{{ name | shout }}")
    theme = _theme(module)
    loud = theme.environment(folder)
    loud.filters["shout"] = str.upper
    assert loud.get_template("greeting.html").render(name="a") == "A"
    new_process()
    quiet = theme.environment(folder)
    quiet.filters["shout"] = str.lower
    quiet.filters["whisper"] = str.lower  # another set of filters: compiled for itself
    assert quiet.get_template("greeting.html").render(name="A") == "a"
    assert len(list(folder.iterdir())) == 2


def test_an_unwritable_cache_only_means_compiling_again(tmp_path, new_process):
    module = tmp_path / "module"
    _write(module / "templates" / "greeting.html", "<p>{{ name }}</p>")
    blocked = _write(tmp_path / "not-a-folder", "a file where the cache folder should be") / "templates"
    assert _render(_theme(module), blocked, name="A") == "<p>A</p>"
    new_process()
    assert _render(_theme(module), blocked, name="B") == "<p>B</p>"


@pytest.mark.parametrize("damage", [
    lambda code: code[:len(code) // 2],  # cut short while written by hand or a full disk
    lambda code: code[:len(bc_magic)] + b"\xff" * 40,  # Jinja's header, then garbage where the checksum goes
    lambda code: b"not jinja at all",
], ids=["truncated", "garbled", "foreign"])
def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path, new_process, damage):
    module, folder = tmp_path / "module", tmp_path / "cache" / "templates"
    _write(module / "templates" / "greeting.html", "<p>{{ name }}</p>")
    assert _render(_theme(module), folder, name="A") == "<p>A</p>"
    [kept] = folder.iterdir()
    whole = kept.read_bytes()
    kept.write_bytes(damage(whole))
    new_process()
    assert _render(_theme(module), folder, name="B") == "<p>B</p>"
    assert kept.read_bytes() == whole
