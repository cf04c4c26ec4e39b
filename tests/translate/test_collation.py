"""The glossary in alphabetical order for its language: accented initials sort with their letter."""

from stce_scorm.content.collation import glossary_order
from stce_scorm.source.models import Term


def _terms(*names: str) -> list[Term]:
    return [Term(id=f"t{index}", term=name, definition="A definition.") for index, name in enumerate(names)]


def test_accented_initials_sort_with_their_letter():
    names = [t.term for t in glossary_order(_terms("zone", "Équipement", "utilisateur final", "état", "Entité", "arme"))]
    assert names == ["arme", "Entité", "Équipement", "état", "utilisateur final", "zone"]


def test_ascii_terms_sort_case_insensitively_as_before():
    names = [t.term for t in glossary_order(_terms("end user", "Catch-all control", "dual-use item", "UAV"))]
    assert names == ["Catch-all control", "dual-use item", "end user", "UAV"]
