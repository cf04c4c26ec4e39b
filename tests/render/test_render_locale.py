"""Every language file of the base theme translates every word the English one defines."""

from pathlib import Path

import yaml

LOCALES = Path(__file__).resolve().parents[2] / "themes" / "base" / "locale"


def test_every_locale_has_every_key():
    english = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))
    assert len(english) > 100
    for file in sorted(LOCALES.glob("*.yaml")):
        words = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert sorted(set(english) - set(words)) == [], file.name
        assert sorted(set(words) - set(english)) == [], file.name
        assert all(isinstance(value, str) and value.strip() for value in words.values()), file.name
