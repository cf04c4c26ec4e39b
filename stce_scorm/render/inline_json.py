"""JSON inlined in an HTML page: the one way to write it.

Inside a <script> element the HTML parser, not the JSON parser, decides where the element ends:
`</script>` ends it, and `<!--<script>` switches the parser into a state where the real `</script>`
no longer does, so the rest of the page is swallowed and the player never starts. Any author text
can reach such JSON (a title, a prompt, an accepted answer), so every JSON inlined in HTML escapes
`<`, `>` and `&` as JSON escapes, plus U+2028/U+2029 (line terminators for older JavaScript).
"""

from __future__ import annotations

import json

from markupsafe import Markup

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                          "\u2029": "\\u2029"})


def inline_json(data: object, **options) -> str:
    """`data` as compact JSON that is safe anywhere in an HTML page, and parses to the same value."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, **options)
    return text.translate(_ESCAPES)


def script_json(data: object) -> Markup:
    """`inline_json` marked safe for a template (the escaping is already done)."""
    return Markup(inline_json(data))
