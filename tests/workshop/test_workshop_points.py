"""Author Markdown as the plain words of a slide: spaces and line breaks fold, a translation's no-break
spaces (French « Titre : suite ») do not."""

from stce_scorm.workshop.points import markdown_text


def test_folding_keeps_no_break_spaces():
    assert markdown_text("Scénario\u00a0: un «\u00a0instrument\u00a0»\nde **laboratoire**") == \
        "Scénario\u00a0: un «\u00a0instrument\u00a0» de laboratoire"
