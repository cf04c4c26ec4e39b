"""What both SCORM versions' manifests share: one organization, one item, one SCO listing every file.

The versions differ in namespaces, schema version, metadata and a few attributes; each manifest
writer passes those in and adds its own metadata and item extras to what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from stce_scorm.targets.ids import LAUNCH_FILE, ManifestIds, manifest_files
from stce_scorm.source.models import Module


@dataclass(frozen=True)
class Skeleton:
    root: etree._Element
    metadata: etree._Element  # after <schema> and <schemaversion>: the writer adds its metadata here
    item: etree._Element  # after <title>: the writer adds item extras (e.g. adlcp:masteryscore) here


def skeleton(module: Module, files: list[str], *, cp: str, nsmap: dict, schemaversion: str,
             scorm_type: str) -> Skeleton:
    """The manifest tree of a single-SCO package; `scorm_type` is the attribute naming the SCO."""
    config = module.config
    ids = ManifestIds.for_module(module.manifest_id)
    root = etree.Element(f"{{{cp}}}manifest", nsmap=nsmap)
    root.set("identifier", ids.manifest)
    root.set("version", config.version)

    metadata = etree.SubElement(root, f"{{{cp}}}metadata")
    etree.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    etree.SubElement(metadata, f"{{{cp}}}schemaversion").text = schemaversion

    organizations = etree.SubElement(root, f"{{{cp}}}organizations", default=ids.organization)
    organization = etree.SubElement(organizations, f"{{{cp}}}organization", identifier=ids.organization)
    etree.SubElement(organization, f"{{{cp}}}title").text = config.title
    item = etree.SubElement(organization, f"{{{cp}}}item", identifier=ids.item,
                            identifierref=ids.resource, isvisible="true")
    etree.SubElement(item, f"{{{cp}}}title").text = config.title

    resources = etree.SubElement(root, f"{{{cp}}}resources")
    resource = etree.SubElement(resources, f"{{{cp}}}resource", identifier=ids.resource,
                                type="webcontent", href=LAUNCH_FILE)
    resource.set(scorm_type, "sco")
    for path in manifest_files(files):
        etree.SubElement(resource, f"{{{cp}}}file", href=path)
    return Skeleton(root, metadata, item)


def serialize(root: etree._Element) -> bytes:
    """Indented UTF-8 XML with its declaration: the same tree always gives the same bytes."""
    etree.indent(root, space="  ")
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n")
