"""What a build process keeps between builds of the theme (preview rebuilds after every save): compiled
templates and parsed locale files, never stale ones."""

from pathlib import Path

from stce_scorm.errors import SourcePos
from stce_scorm.render.theme import load_theme


def _module_with_template(root: Path, markup: str) -> Path:
    (root / "templates").mkdir(parents=True, exist_ok=True)
    (root / "templates" / "greeting.html").write_text(markup, encoding="utf-8")
    return root


def test_an_edited_template_is_compiled_again(tmp_path):
    module = _module_with_template(tmp_path / "module", "<p>{{ name }} one</p>")
    theme, problems = load_theme("base", module, SourcePos("module.yaml"))
    assert not problems
    assert theme.environment().get_template("greeting.html").render(name="A") == "<p>A one</p>"
    assert theme.environment().get_template("greeting.html").render(name="B") == "<p>B one</p>"  # from the cache
    _module_with_template(module, "<p>{{ name }} two</p>")
    assert theme.environment().get_template("greeting.html").render(name="C") == "<p>C two</p>"


def test_an_edited_locale_file_gives_its_new_words(tmp_path):
    module = tmp_path / "module"
    theme_folder = module / "themes" / "mine"
    (theme_folder / "locale").mkdir(parents=True)
    (theme_folder / "theme.yaml").write_text("name: mine\n", encoding="utf-8")
    (theme_folder / "locale" / "en.yaml").write_text("next: Onward\n", encoding="utf-8")
    theme, problems = load_theme("mine", module, SourcePos("module.yaml"))
    assert not problems and theme.locale("en")["next"] == "Onward"
    (theme_folder / "locale" / "en.yaml").write_text("next: Forward\n", encoding="utf-8")
    assert theme.locale("en")["next"] == "Forward"
