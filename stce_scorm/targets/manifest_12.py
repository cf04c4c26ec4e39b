"""The SCORM 1.2 manifest (IMS CP 1.1.2 + ADL CP 1.2): one organization, one item, one SCO."""

from __future__ import annotations

from lxml import etree

from stce_scorm.targets.content_package import serialize, skeleton
from stce_scorm.targets.ids import iso_duration
from stce_scorm.source.models import Module

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: IMSCP, "adlcp": ADLCP, "imsmd": IMSMD}


def _md(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{IMSMD}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _langstring(parent: etree._Element, tag: str, text: str, lang: str) -> etree._Element:
    element = _md(parent, tag)
    _md(element, "langstring", text).set(XML_LANG, lang)
    return element


def _lom(metadata: etree._Element, module: Module) -> None:
    # IMS Metadata 1.2.1 is part of the 1.2 schema set, so this block is validated strictly.
    config, lang = module.config, module.config.language
    lom = _md(metadata, "lom")
    general = _md(lom, "general")
    _langstring(general, "title", config.title, lang)
    _md(general, "language", lang)
    _langstring(general, "description", config.description, lang)
    for keyword in config.keywords:
        _langstring(general, "keyword", keyword, lang)
    lifecycle = _md(lom, "lifecycle")
    _langstring(lifecycle, "version", config.version, lang)
    educational = _md(lom, "educational")
    _md(_md(educational, "typicallearningtime"), "datetime", iso_duration(config.learning_time_minutes))
    if config.audience:
        _langstring(educational, "description", config.audience, lang)
    _md(educational, "language", lang)


def build_manifest(module: Module, files: list[str]) -> bytes:
    """The imsmanifest.xml of the SCORM 1.2 package of `module`, listing every file in `files`."""
    tree = skeleton(module, files, cp=IMSCP, nsmap=NSMAP, schemaversion="1.2", scorm_type=f"{{{ADLCP}}}scormtype")
    _lom(tree.metadata, module)
    config = module.config
    if config.tracking.write_mastery_score and module.assessments:  # a pass mark needs something to pass
        # Only the player's own pass mark: a different value makes Moodle override our status.
        etree.SubElement(tree.item, f"{{{ADLCP}}}masteryscore").text = str(config.tracking.passing_score)
    return serialize(tree.root)
