"""`translate import` as a coordinator runs it when the file comes back, maybe in another folder than the one
the file was exported from."""

from __future__ import annotations

from click.testing import CliRunner

from stce_scorm.cli import main
from stce_scorm.translate.workflow import export_file


def test_a_file_whose_module_folder_is_not_here_asks_for_module(translated, tmp_path):
    xlf, _ = export_file(translated.path, "fr", tmp_path / "fr.xlf")
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(f'original="{translated.path}"', 'original="elsewhere/m"'),
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["translate", "import", str(xlf)])
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if ": error:" in line]
    assert line.startswith(f"{xlf}:") and "'elsewhere/m'" in line and "--module" in line
    assert "Traceback" not in result.output
