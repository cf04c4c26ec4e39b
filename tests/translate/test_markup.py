"""The markup a translation must keep, and the two kinds a translator may add: emphasis, and the bidirectional
isolation (`<bdi>`) that keeps a Latin term with figures in its order inside Arabic text."""

from __future__ import annotations

from stce_scorm.translate.markup import markup_difference

SOURCE = "Resolution UNSCR 1540 (2004) binds every [[State|state]]."


def test_an_arabic_translation_may_isolate_a_latin_term():
    arabic = "القرار <bdi>UNSCR 1540 (2004)</bdi> ملزم لكل [[دولة|state]]."
    assert markup_difference(SOURCE, arabic) == ""


def test_only_the_bare_isolation_tag_may_be_added():
    assert "adds" in markup_difference(SOURCE, "القرار <bdi onmouseover=alert(1)>UNSCR 1540 (2004)</bdi> [[دولة|state]].")
    assert "adds" in markup_difference(SOURCE, "القرار <b>UNSCR 1540 (2004)</b> [[دولة|state]].")
    assert "drops" in markup_difference(SOURCE, "القرار UNSCR 1540 (2004).")
