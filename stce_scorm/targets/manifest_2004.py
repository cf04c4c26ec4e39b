"""The SCORM 2004 4th edition manifest (IMS CP 1.1.4 + ADL CP 1.3): one organization, one item, one SCO.

No IMS Simple Sequencing: Moodle and Totara ignore it, so gating lives inside the SCO.
"""

from __future__ import annotations

from lxml import etree

from stce_scorm.targets.content_package import serialize, skeleton
from stce_scorm.targets.ids import iso_duration
from stce_scorm.source.models import Module

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
LOM = "http://ltsc.ieee.org/xsd/LOM"
NSMAP = {None: IMSCP, "adlcp": ADLCP, "lom": LOM}


def _lom(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{LOM}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _lang_string(parent: etree._Element, tag: str, text: str, lang: str) -> etree._Element:
    element = _lom(parent, tag)
    _lom(element, "string", text).set("language", lang)
    return element


def _metadata(metadata: etree._Element, module: Module) -> None:
    # IEEE LOM XML binding (1484.12.3), in its canonical element order. The 4th edition schema set
    # has no LOM schema; imscp's metadata accepts `##other` elements with lax processing, so the
    # XSDs check the CP/ADL parts and tests check this block's structure.
    config, lang = module.config, module.config.language
    lom = _lom(metadata, "lom")
    general = _lom(lom, "general")
    _lang_string(general, "title", config.title, lang)
    _lom(general, "language", lang)
    _lang_string(general, "description", config.description, lang)
    for keyword in config.keywords:
        _lang_string(general, "keyword", keyword, lang)
    _lang_string(_lom(lom, "lifeCycle"), "version", config.version, lang)
    _lom(_lom(lom, "technical"), "format", "text/html")
    educational = _lom(lom, "educational")
    _lom(_lom(educational, "typicalLearningTime"), "duration", iso_duration(config.learning_time_minutes))
    if config.audience:
        _lang_string(educational, "description", config.audience, lang)
    _lom(educational, "language", lang)


def build_manifest(module: Module, files: list[str]) -> bytes:
    """The imsmanifest.xml of the SCORM 2004 4th edition package of `module`, listing every file."""
    tree = skeleton(module, files, cp=IMSCP, nsmap=NSMAP, schemaversion="2004 4th Edition", scorm_type=f"{{{ADLCP}}}scormType")
    _metadata(tree.metadata, module)
    return serialize(tree.root)
