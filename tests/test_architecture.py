"""The package's shape, as rules a refactor cannot break unnoticed (issue 10).

1. Only the output targets (stce_scorm/targets/, and the runtime tracker files each declares) name a target.
   Outside them, no Python string in code (docstrings are prose and do not count; f-string parts do), and no
   string or window property in the package's JavaScript and HTML pages (comments are prose) may
   - equal a value that identifies a target: its name ("1.2", "2004"), file suffix ("scorm12"), URL
     segment, runtime adapter file ("scorm12.js"), LMS API name ("API_1484_11"), notes template, preview
     runtime file or class, or a manifest namespace of its own; or
   - start with "cmi.", an element of the SCORM data model (what the runtime adapter writes).
   Those are the strings a version switch is made of (`if version == "1.2"`, `{"2004": ...}`,
   `f"cmi.interactions.{n}"`); a target's facts are asked of the target instead. The shared templates
   compare no target name either (each target names its own notes template).
2. The stages import only downwards: check never imports render; player/ and content/ (below both)
   import neither; targets/ imports no stage.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import rjsmin

from stce_scorm.targets import TARGETS

PACKAGE = Path(__file__).resolve().parents[1] / "stce_scorm"
THEMES = PACKAGE.parent / "themes"
DATA_MODEL_PREFIX = "cmi."


def identifying_values() -> set[str]:
    """Every string that identifies one target."""
    values: set[str] = set()
    for target in TARGETS.values():
        values |= {target.name, target.suffix, target.segment, *target.tracker_files[-1:], target.api_name,
                   target.notes_template, target.preview_runtime, target.preview_global,
                   target.manifest.content_packaging, target.manifest.adlcp}
    return values


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def code_strings(tree: ast.AST) -> list[ast.Constant]:
    """Every string constant of a module except docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def version_names(path: Path) -> list[str]:
    """`file:line: 'value'` for each string of `path` that names a target."""
    identifying = identifying_values()
    found = []
    for node in code_strings(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if node.value in identifying or node.value.startswith(DATA_MODEL_PREFIX):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value!r}")
    return found


def imports(path: Path) -> list[str]:
    """Every module `path` imports, at the top or inside a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def test_no_module_outside_the_targets_names_a_target():
    outside = [path for path in python_files(PACKAGE) if PACKAGE / "targets" not in path.parents]
    assert len(outside) > 50  # the walk really covers the package
    assert [line for path in outside for line in version_names(path)] == []


def test_the_rule_catches_the_switches_it_is_meant_to_catch(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docstrings may say SCORM 1.2 and 2004."""\n'
                      'LIMITS = {"1.2": 4096}\n'
                      'def f(version, n):\n'
                      '    """So may these: cmi.core.exit."""\n'
                      '    if version == "2004":\n'
                      '        return f"cmi.interactions.{n}.id", "scorm12.js", "API_1484_11"\n'
                      '    return "SCORM 1.2 keeps 4,096 characters"  # prose: not a switch\n')
    found = [line.split(": ", 1)[1] for line in _versions_in(sample)]
    assert found == ["'1.2'", "'2004'", "'cmi.interactions.'", "'scorm12.js'", "'API_1484_11'"]


# A JavaScript string literal, in either quotes (the scripts use no template literals).
JS_STRING = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")


def page_scripts() -> list[Path]:
    """The package's JavaScript files and HTML pages, except the tracker files a target declares as its own."""
    own = {PACKAGE / "runtime" / name for target in TARGETS.values() for name in target.tracker_files}
    return [path for path in sorted(PACKAGE.rglob("*")) if path.suffix in (".js", ".html") and path not in own]


def script_version_names(path: Path) -> list[str]:
    """`file: value` for each string or window property of a page script (comments aside) that names a target:
    a version switch in the page (`version === "2004"`, `commit["cmi.core.lesson_status"]`, `window.API_1484_11`)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = "\n".join(re.findall(r"<script\b[^>]*>(.*?)</script>", text, flags=re.S | re.I))
    pieces = JS_STRING.split(rjsmin.jsmin(text))  # odd indices: the string literals
    strings = [ast.literal_eval(piece) for piece in pieces[1::2]]
    code = " ".join(pieces[::2])
    identifying = identifying_values()
    properties = {target.api_name for target in TARGETS.values()} | {t.preview_global for t in TARGETS.values()}
    found = [value for value in strings if value in identifying or value.startswith(DATA_MODEL_PREFIX)]
    found += [name for name in re.findall(r"\.\s*([A-Za-z_$][\w$]*)", code) if name in properties]
    where = path.relative_to(PACKAGE.parent) if PACKAGE in path.parents else path.name
    return [f"{where}: {value!r}" for value in found]


def test_no_page_script_outside_the_targets_names_a_target():
    scripts = page_scripts()
    assert {"lms.js", "launcher.html", "emulator.js", "player.js", "tracking.js"} <= {p.name for p in scripts}
    assert [line for path in scripts for line in script_version_names(path)] == []


def test_the_page_script_rule_catches_the_switches_it_is_meant_to_catch(tmp_path):
    sample = tmp_path / "sample.html"
    sample.write_text('<!-- SCORM 1.2 and "2004" in prose -->\n<script>\n'
                      '/* Comments may say "1.2", window.API_1484_11 and "cmi.core.exit". */\n'
                      'var limits = {"1.2": 4096};  // so may these: "2004"\n'
                      'if (version === \'2004\') commit["cmi.core.lesson_status"] = "completed";\n'
                      'delete window.API_1484_11; label = "SCORM " + version; key = /^cmi\\./;\n'
                      '</script>\n', encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in script_version_names(sample)]
    assert found == ["'1.2'", "'2004'", "'cmi.core.lesson_status'", "'API_1484_11'"]


def _versions_in(path: Path) -> list[str]:
    identifying = identifying_values()
    nodes = code_strings(ast.parse(path.read_text(encoding="utf-8")))
    return [f"{path.name}:{n.lineno}: {n.value!r}" for n in sorted(nodes, key=lambda n: (n.lineno, n.col_offset))
            if n.value in identifying or n.value.startswith(DATA_MODEL_PREFIX)]


def test_shared_templates_compare_no_target_name():
    own = {target.notes_template for target in TARGETS.values()}
    names = "|".join(re.escape(target.name) for target in TARGETS.values())
    quoted = re.compile(rf"""["']({names})["']""")
    templates = [p for p in sorted((PACKAGE / "templates").rglob("*")) if p.is_file() and p.name not in own]
    templates += sorted(THEMES.rglob("*.html"))
    assert templates and [f"{p}: {m.group(0)}" for p in templates for m in quoted.finditer(p.read_text())] == []


@pytest.mark.parametrize("stage, forbidden", [
    ("check", ("stce_scorm.render", "stce_scorm.pipeline")),
    ("player", ("stce_scorm.check", "stce_scorm.render", "stce_scorm.scorm", "stce_scorm.pipeline")),
    ("content", ("stce_scorm.check", "stce_scorm.render", "stce_scorm.player", "stce_scorm.pipeline")),
    ("targets", ("stce_scorm.check", "stce_scorm.render", "stce_scorm.player", "stce_scorm.pipeline",
                 "stce_scorm.scorm")),
])
def test_stages_import_only_downwards(stage, forbidden):
    files = python_files(PACKAGE / stage)
    assert files
    wrong = [f"{path.name} imports {name}" for path in files for name in imports(path)
             if name.startswith(forbidden)]
    assert wrong == []
