"""The command line as an author meets it: messages, exit codes, and never a traceback for a mistake."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from repo_paths import EXAMPLE_MODULE
from stce_scorm.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_then_validate(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STCE_SCORM_CACHE", str(tmp_path / "cache"))
    result = run("build", str(EXAMPLE_MODULE), "--out", str(tmp_path / "out"), "--scorm", "1.2")
    assert result.exit_code == 0, result.output
    assert "built" in result.output and "scorm12.zip (SCORM 1.2" in result.output
    [package] = (tmp_path / "out").glob("*.zip")
    result = run("validate", str(package))
    assert result.exit_code == 0, result.output
    assert "valid SCORM 1.2 package" in result.output and "schema-valid" in result.output


def test_source_errors_exit_1_with_positions_and_no_traceback(minimal_copy, tmp_path: Path):
    minimal_copy.edit("module.yaml", "navigation: free", "navigation: freely")
    minimal_copy.edit("lessons/01-dual-use.md", "[[dual-use items|dual_use]]", "[[end-users]]")
    result = run("build", str(minimal_copy.path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = minimal_copy.line_of("module.yaml", "navigation:")
    assert f"module.yaml:{line}:1: error: navigation: 'freely' is not one of the allowed values" in result.output
    assert "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_module_folder(tmp_path: Path):
    result = run("check", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "module.yaml not found" in result.output and "Traceback" not in result.output


def test_validate_rejects_a_package_with_a_missing_file(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STCE_SCORM_CACHE", str(tmp_path / "cache"))
    run("build", str(EXAMPLE_MODULE), "--out", str(tmp_path / "out"), "--scorm", "2004")
    [package] = (tmp_path / "out").glob("*.zip")
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "player/player.js":
                target.writestr(info, source.read(info))
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert "player/player.js" in result.output and "is not a valid package" in result.output


def test_schema_export(tmp_path: Path):
    result = run("schema", "assessment")
    schema = json.loads(result.output)
    assert schema["properties"]["pools"]["type"] == "array"
    result = run("schema", "--out", str(tmp_path / "schemas"))
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "assessment.schema.json", "glossary.schema.json", "lesson.schema.json",
        "module.schema.json", "questions.schema.json"]


def test_check_command_summarises(minimal_copy):
    result = run("check", str(minimal_copy.path))
    assert result.exit_code == 0
    assert "minimal: 1 lessons, 2 pages, 3 questions; no errors." in result.output


def test_cli_start_up_loads_no_pipeline_stage():
    """`--version` and `--help` must stay fast: the pipeline is imported only by the commands that need it.
    The output targets' declarations (the names `--scorm` accepts) are the only other modules loaded."""
    import subprocess
    import sys

    probe = ("import sys, stce_scorm.cli; "
             "print(sorted(m for m in sys.modules if m.startswith('stce_scorm.') and m not in "
             "('stce_scorm.cli', 'stce_scorm.errors', 'stce_scorm.targets', 'stce_scorm.targets.scorm12', "
             "'stce_scorm.targets.scorm2004')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_public_api_names_resolve_to_the_pipeline_functions():
    import stce_scorm
    from stce_scorm.pipeline import build

    assert stce_scorm.build is build
    assert set(stce_scorm.__all__) <= set(dir(stce_scorm))


def test_the_command_ends_its_process_without_walking_what_it_leaves_alive(tmp_path: Path):
    """After its command the `stce-scorm` process ends: Python's exit would first walk every object still
    alive for reference cycles (half a second of CPU after a 1,000-page build), so they are frozen first."""
    script = ("import atexit, gc, sys; from stce_scorm.cli import run; "
              "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count())); "
              "sys.argv = ['stce-scorm', 'check', sys.argv[1]]; run()")
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE_MODULE)], capture_output=True, text=True,
                          env={**os.environ, "STCE_SCORM_CACHE": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert "no errors" in done.stdout
    frozen = int(done.stdout.rsplit("frozen at exit:", 1)[1])
    assert frozen > 10_000, "the module, its models and parsed Markdown are frozen, not walked at exit"
