"""The WMD module's French text as a French-speaking WCO reviewer reads it: the official French terms of
`/work/shared/domain/terminology-fr.md` (never a variant it rules out), French typography (a non-breaking
space before : ; ! ? and inside « », typographic apostrophes), and the facts of the English text (every
figure, date and code of a unit is in its translation)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from repo_paths import WMD_MODULE
from stce_scorm.source.loader import load_module
from stce_scorm.translate import catalog_path, extract_units, read_po

SOURCE, _ = load_module(WMD_MODULE)
UNITS = {unit.id: unit for unit in extract_units(SOURCE)}
CATALOG, _ = read_po(catalog_path(WMD_MODULE, "fr"), "fr")
# What a learner reads: every translated unit but the glossary's aliases, which are the other forms a
# text may use to name a term (matched, never shown as a term's name).
FRENCH = {unit_id: entry.target for unit_id, entry in CATALOG.entries.items() if "/aliases." not in unit_id}
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|`[^`]*`")

# Variants that the terminology sheet rules out, and the official term to use instead.
RULED_OUT = {
    r"\bSTCE\b": "ACES (application des contrôles aux échanges de nature stratégique)",
    r"\bWCO\b(?! News)": "OMD (the magazine keeps its title, WCO News)",
    r"Organisation mondiale de la douane": "Organisation mondiale des douanes",
    r"(?:marchandises|produits) à double usage": "biens à double usage",
    r"Groupe (?:Australie|de l’Australie)": "Groupe d’Australie",
    r"\bNSG\b": "GFN",
    r"\bRCTM\b": "Régime de contrôle de la technologie des missiles (MTCR)",
    r"\bCAC\b|\bCABT\b|\bCIAB\b": "CIAC; the biological weapons convention in full, no acronym",
    r"[Aa]ccord de Wassenaar": "Arrangement de Wassenaar",
    r"destruction de masse": "armes de destruction massive",
    r"moyens de (?:livraison|lancement)": "vecteurs",
    r"acteurs? non-étatiques?": "acteurs non étatiques",
    r"\bUNSCR\b": "RCSNU 1540 / résolution 1540 (2004) du Conseil de sécurité",
    r"permis d’exportation": "autorisation d’exportation",
    r"examen physique": "vérification matérielle",
    r"contrôle après mainlevée": "contrôle a posteriori",
    r"biologie de synthèse": "biologie synthétique",
    r"infonuagique|\bcloud\b": "informatique en nuage",
    r"hypervéloce": "planeur hypersonique",
    r"[Ss]oumettre": "Envoyer",
    r"\bEtats?\b": "États (accents on capitals)",
}


@pytest.mark.parametrize("variant", sorted(RULED_OUT))
def test_no_variant_the_terminology_sheet_rules_out(variant):
    found = [unit_id for unit_id, text in FRENCH.items() if re.search(variant, LINK_TARGET.sub("", text))]
    assert not found, f"{variant!r} in {found[:5]}: write {RULED_OUT[variant]}"


@pytest.mark.parametrize("term", ["Organisation mondiale des douanes", "biens à double usage", "Groupe d’Australie",
                                  "Groupe des fournisseurs nucléaires", "Arrangement de Wassenaar",
                                  "Régime de contrôle de la technologie des missiles", "armes de destruction massive",
                                  "vecteurs", "RCSNU 1540", "utilisateur final", "autorité compétente", "mainlevée",
                                  "indicateurs de risques", "application des contrôles aux échanges de nature stratégique"])
def test_the_official_term_is_used(term):
    assert any(term in text for text in FRENCH.values())


def _typography_faults(text: str) -> list[str]:
    text = LINK_TARGET.sub("", text)
    faults = [f"ordinary space before {m.group(1)!r}" for m in re.finditer(r" ([:;!?»%])", text)]
    faults += ["ordinary space after «" for _ in re.finditer(r"« ", text)]
    faults += [f"no space before {m.group(1)!r}" for m in re.finditer(r"[^\s\u00a0\u202f*_|(\[]([;!?»])(?!\S)", text)]
    faults += ["straight apostrophe" for _ in re.finditer(r"\w'\w", text)]
    return faults


def test_french_typography_in_every_learner_text_and_diagram():
    faults = {unit_id: found for unit_id, text in FRENCH.items() if (found := _typography_faults(text))}
    assert not faults, f"{len(faults)} units, e.g. {dict(list(faults.items())[:5])}"


def test_the_typography_check_finds_what_it_looks_for():
    assert _typography_faults("Attention : l'envoi ; « texte »") == [
        "ordinary space before ':'", "ordinary space before ';'", "ordinary space before '»'",
        "ordinary space after «", "straight apostrophe"]
    assert not _typography_faults("Attention\u00a0: l’envoi\u00a0; «\u00a0texte\u00a0», 85,5\u00a0%")


def _figures(text: str) -> Counter[str]:
    """The figures of a text, whatever the language's separators: 1,000 and 1 000 are 1000, 0.5 and 0,5 are 0.5."""
    text = LINK_TARGET.sub("", text)
    text = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)", "", text)
    return Counter(re.findall(r"\d+(?:[.,]\d+)*", text.replace(",", ".")))


def test_every_figure_of_the_english_is_in_the_french():
    """A translation may add a figure (the year of a resolution), never lose or change one."""
    lost = {unit_id: dict(_figures(UNITS[unit_id].text) - _figures(text)) for unit_id, text in FRENCH.items()}
    assert not {unit_id: figures for unit_id, figures in lost.items() if figures}


def test_the_translated_pages_keep_the_typography_of_their_translation():
    """What the package shows (titles, headings, table rows, paragraphs), not only what the PO file holds."""
    from stce_scorm.translate import apply_translation

    french = apply_translation(SOURCE, CATALOG)
    faults = {page.id: found for lesson in french.lessons for page in lesson.pages
              if (found := _typography_faults(page.title) + _typography_faults(page.markdown))}
    assert not faults, f"{len(faults)} pages, e.g. {dict(list(faults.items())[:3])}"
