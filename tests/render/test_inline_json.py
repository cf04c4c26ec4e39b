"""Every JSON inlined in HTML is safe there (issue 9.3): author text cannot end or hide the script element."""

import json


from repo_paths import EXAMPLE_MODULE
from stce_scorm.render.inline_json import inline_json
from stce_scorm.player import PlayerContract
from stce_scorm.render.site import player_json
from stce_scorm.render.theme import load_theme

HOSTILE = "<!--<script>a & b</script> \u2028 \u2029 ]]> -->"


def test_inline_json_escapes_markup_characters_and_line_separators():
    text = inline_json({"title": HOSTILE})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"title": HOSTILE}


def test_player_json_uses_it():
    text = player_json(PlayerContract({"title": HOSTILE}, 0), {"page_of": HOSTILE})
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text)["title"] == json.loads(text)["text"]["page_of"] == HOSTILE


def test_templates_tojson_filter_escapes_the_same_way():
    theme, problems = load_theme("wco", EXAMPLE_MODULE, None)
    assert problems == []
    env = theme.environment()
    rendered = env.from_string("{{ value | tojson }}").render(value=HOSTILE)
    assert "<" not in rendered and "\u2028" not in rendered and "&" not in rendered.replace("&#39;", "")
    assert json.loads(rendered) == HOSTILE


def test_not_a_number_is_refused_not_written():
    try:
        inline_json({"points": float("nan")})
    except ValueError:
        return
    raise AssertionError("NaN was written into JSON, which JSON.parse rejects")
