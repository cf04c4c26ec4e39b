"""Check a package zip the way an LMS will read it: zip, manifest, schemas, references, Moodle/Totara lint.

Every check reports all it finds (never stops at the first), each problem pointing at the zip entry
or the manifest line, with a hint. The checks apply to any SCORM zip, not only ours.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from stce_scorm.errors import Problem, SourcePos, error, warning
from stce_scorm.scorm.schemas import SCHEMAS_HINT, find_schema_dir, schema_problems, version_dir
from stce_scorm.targets import TARGETS, Target, recognised_target

MANIFEST = "imsmanifest.xml"
SIZE_WARNING_BYTES = 50 * 1024 * 1024
UNPACKED_WARNING_BYTES = 500 * 1024 * 1024  # what the LMS must unpack and store per package
# An entry that packs this well is almost all repetition: a zip bomb, or a file nobody meant to ship.
RATIO_WARNING = 100
RATIO_MIN_BYTES = 5 * 1024 * 1024
SAFE_SEGMENT = re.compile(r"^[a-z0-9._-]+$")
# Manifest identifiers are XML IDs (NCNames); Latin letters only, as iSpring and others require.
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
TEXT_ASSETS = (".html", ".htm", ".xhtml", ".css", ".js", ".mjs")

IMSSS = "http://www.imsglobal.org/xsd/imsss"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

# What makes a browser load a remote file by itself. Plain links (`<a href>`) are fine: a learner
# follows them on purpose, to a reference. A remote URL is absolute or protocol-relative.
_REMOTE = r"(?:[\"']\s*(?:https?:)?//|https?://)"
REMOTE_PATTERNS = [
    ("src", re.compile(r"\bsrc\s*=\s*" + _REMOTE, re.I)),
    ("<link href", re.compile(r"<link\b[^>]*?\bhref\s*=\s*" + _REMOTE, re.I)),
    ("CSS url()", re.compile(r"\burl\(\s*" + _REMOTE.replace(r"[\"']\s*", r"[\"']?\s*", 1), re.I)),
    ("CSS @import", re.compile(r"@import\s+(?:url\(\s*)?" + _REMOTE, re.I)),
]
REMOTE_MARK = "//"  # in every URL the patterns match (_REMOTE), so a file without it has no match


@dataclass
class ValidationReport:
    """What `validate_package` found in one zip."""

    package: Path
    problems: list[Problem] = field(default_factory=list)
    version: str | None = None  # the name of the target whose manifest it is
    size_bytes: int = 0
    schema_checked: bool = False

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the package unusable or non-conformant."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems an LMS may survive."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when the package has no errors (warnings allowed)."""
        return not self.errors


def validate_package(zip_path: Path, schema_dir: Path | None = None) -> ValidationReport:
    """Check a SCORM package zip: structure, manifest, official schemas and Moodle/Totara rules."""
    zip_path = Path(zip_path)
    report = ValidationReport(package=zip_path)
    _Checker(zip_path, schema_dir, report).run()
    report.problems.sort(key=lambda p: (p.sort_key, p.severity))
    return report


class _Checker:
    def __init__(self, zip_path: Path, schema_dir: Path | None, report: ValidationReport):
        self.zip_path = zip_path
        self.schema_dir = schema_dir
        self.report = report
        self.problems = report.problems
        self.manifest_file = f"{zip_path}!{MANIFEST}"
        self.junk: set[str] = set()  # entries already reported as junk, not reported again as unlisted
        self.target: Target | None = None  # the target whose manifest this is, once recognised

    # --- positions and reporting -----------------------------------------------------------------

    def entry(self, name: str) -> SourcePos:
        return SourcePos(f"{self.zip_path}!{name}")

    def at(self, element: etree._Element | None) -> SourcePos:
        line = element.sourceline if element is not None and element.sourceline else 0
        return SourcePos(self.manifest_file, line)

    # --- the checks, in the order an LMS meets them ----------------------------------------------

    def run(self) -> None:
        try:
            self.report.size_bytes = self.zip_path.stat().st_size
            archive = zipfile.ZipFile(self.zip_path)
        except FileNotFoundError:
            self.problems.append(error(SourcePos(str(self.zip_path)), "package not found", key="zip"))
            return
        except (zipfile.BadZipFile, OSError) as exc:
            self.problems.append(error(SourcePos(str(self.zip_path)), f"not a readable zip file: {exc}",
                                       hint="rebuild the package; the file may be truncated", key="zip"))
            return
        with archive:
            if self.report.size_bytes > SIZE_WARNING_BYTES:
                self.problems.append(warning(
                    SourcePos(str(self.zip_path)),
                    f"package is {self.report.size_bytes / 1024 / 1024:.1f} MB (over 50 MB)",
                    hint="LMS upload limits vary; stream long video from a platform instead of bundling it",
                    key="size"))
            infos = archive.infolist()
            files = [i.filename for i in infos if not i.is_dir()]
            self.check_unpacked_size(infos)
            self.check_entries([i.filename for i in infos])
            try:
                manifest = self.find_manifest(archive, files)
                if manifest is not None:
                    self.check_manifest(manifest, set(files))
                self.check_remote_resources(archive, files)
            except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
                self.problems.append(error(SourcePos(str(self.zip_path)), f"zip entry cannot be read: {exc}",
                                           hint="rebuild the package", key="zip"))

    def check_unpacked_size(self, infos: list[zipfile.ZipInfo]) -> None:
        """Read from the zip directory only, before any entry is unpacked."""
        total = sum(info.file_size for info in infos)
        if total > UNPACKED_WARNING_BYTES:
            self.problems.append(warning(
                SourcePos(str(self.zip_path)), f"the package unpacks to {total / 1024 / 1024:,.0f} MB",
                hint="LMSs unpack and keep every package; move large media to a streaming platform", key="size"))
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= RATIO_MIN_BYTES and ratio >= RATIO_WARNING:
                self.problems.append(warning(
                    self.entry(info.filename),
                    f"{info.file_size / 1024 / 1024:.1f} MB that packs {ratio:,.0f}:1",
                    hint="a file that compresses this well is mostly repetition: check it is the file you meant",
                    key="size"))

    def check_entries(self, names: list[str]) -> None:
        for name, count in Counter(names).items():
            if count > 1:
                self.problems.append(error(self.entry(name), f"entry appears {count} times in the zip",
                                           hint="rebuild the package", key="zip"))
        macosx_reported = False
        for name in names:
            pos = self.entry(name)
            segments = [s for s in name.split("/") if s]
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.replace("\\", "/").split("/"):
                self.problems.append(error(pos, "entry points outside the package root",
                                           hint="remove absolute paths and '..' from the zip", key="unsafe-path"))
                self.junk.add(name)
                continue
            if "\\" in name:
                self.problems.append(error(pos, "path uses backslashes",
                                           hint="zip with forward slashes; the Moodle app on Android "
                                                "cannot open packages with '\\' separators",
                                           key="unsafe-path"))
                continue
            if segments and segments[0] == "__MACOSX":
                self.junk.add(name)
                if not macosx_reported:
                    macosx_reported = True
                    self.problems.append(error(self.entry("__MACOSX/"),
                                               "macOS resource-fork folder __MACOSX/ in the zip",
                                               hint="zip without Finder's metadata (e.g. `zip -r -X`)",
                                               key="macosx"))
                continue
            hidden = [segment for segment in segments if segment.startswith(".")]
            if hidden:
                self.problems.append(error(pos, f"hidden file or folder {hidden[0]!r} in the package",
                                           hint="remove dot files such as .DS_Store or .git", key="dot-file"))
                self.junk.add(name)
                continue
            unsafe = [segment for segment in segments if not SAFE_SEGMENT.match(segment)]
            if unsafe:
                self.problems.append(error(pos, f"unsafe file name {unsafe[0]!r}: use only [a-z0-9._-]",
                                           hint="Moodle cleans other characters from names and then "
                                                "cannot find the files; rename in lower case",
                                           key="file-name"))

    def find_manifest(self, archive: zipfile.ZipFile, files: list[str]) -> etree._Element | None:
        if MANIFEST not in files:
            nested = [f for f in files if f.lower().endswith("/" + MANIFEST)]
            other_case = [f for f in files if f.lower() == MANIFEST]
            if nested:
                folder = nested[0].rsplit("/", 1)[0]
                self.problems.append(error(
                    self.entry(nested[0]), f"imsmanifest.xml is inside a wrapper folder '{folder}/', "
                                           "not at the zip root",
                    hint=f"zip the contents of '{folder}/', not the folder itself "
                         "(Moodle: 'Incorrect file package - missing imsmanifest.xml')",
                    key="manifest-location"))
            elif other_case:
                self.problems.append(error(self.entry(other_case[0]), "manifest name must be 'imsmanifest.xml' "
                                                                      "in lower case",
                                           hint="LMSs look for the exact name imsmanifest.xml",
                                           key="manifest-location"))
            else:
                self.problems.append(error(SourcePos(str(self.zip_path)), "no imsmanifest.xml in the package",
                                           hint="a SCORM package needs imsmanifest.xml at the zip root",
                                           key="manifest-location"))
            return None
        data = archive.read(MANIFEST)
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            line, col = exc.position
            self.problems.append(error(SourcePos(self.manifest_file, line, col),
                                       f"manifest is not well-formed XML: {exc.msg}",
                                       hint="fix the XML at this line, or rebuild the package", key="manifest-xml"))
            return None
        target = recognised_target(root)
        if target is None:
            known = " or ".join(t.label for t in TARGETS.values())
            self.problems.append(error(self.at(root), f"not a SCORM manifest: root element {root.tag}",
                                       hint=f"expected <manifest> in the IMS CP namespace of {known}",
                                       key="manifest-xml"))
            return None
        self.target = target
        version = self.report.version = target.name
        schema_dir = find_schema_dir(self.schema_dir)
        if schema_dir is not None and version_dir(schema_dir, version) is None:
            schema_dir = None  # a folder with the other version's schemas only
        if schema_dir is None:
            self.problems.append(warning(
                SourcePos(self.manifest_file),
                f"{target.label} schemas not found: the manifest was not checked against the official XSDs",
                hint=SCHEMAS_HINT, key="schema"))
        else:
            self.problems.extend(schema_problems(data, version, schema_dir, file=self.manifest_file))
            self.report.schema_checked = True
        return root

    def check_manifest(self, root: etree._Element, files: set[str]) -> None:
        cp = etree.QName(root).namespace
        # Identifiers: unique, and NCNames that no LMS chokes on.
        seen: dict[str, etree._Element] = {}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            identifier = element.get("identifier")
            if identifier is None:
                continue
            if identifier in seen:
                self.problems.append(error(self.at(element), f"duplicate identifier {identifier!r} "
                                                             f"(first on line {seen[identifier].sourceline})",
                                           hint="every identifier in a manifest must be unique", key="identifier"))
            else:
                seen[identifier] = element
            if not NCNAME.match(identifier):
                why = "starts with a digit" if identifier[:1].isdigit() else "is not a valid XML name"
                self.problems.append(error(self.at(element), f"identifier {identifier!r} {why}",
                                           hint="use Latin letters, digits, '_', '-' and '.', starting with a "
                                                "letter", key="identifier"))
        resources = {r.get("identifier"): r for r in root.iter(f"{{{cp}}}resource")}
        for element in root.iter(f"{{{cp}}}item", f"{{{cp}}}dependency"):
            ref = element.get("identifierref")
            if ref is not None and ref not in resources:
                self.problems.append(error(self.at(element), f"identifierref {ref!r} names no resource",
                                           hint="point it at the identifier of a <resource>", key="identifierref"))
        # References to files: every href must exist; every file must be listed.
        listed: set[str] = set()
        base = root.get(XML_BASE, "")
        for resource in resources.values():
            resource_base = base + resource.get(XML_BASE, "")
            refs = [(resource, resource.get("href"))] + [(f, f.get("href")) for f in resource.iter(f"{{{cp}}}file")]
            for element, href in refs:
                if href is None:
                    continue
                parts = urlsplit(href)
                if parts.scheme or parts.netloc:
                    self.problems.append(error(self.at(element), f"href {href!r} points outside the package",
                                               hint="bundle the file in the package", key="href"))
                    continue
                path = unquote(resource_base + parts.path)
                listed.add(path)
                if path not in files:
                    self.problems.append(error(self.at(element), f"href {href!r}: no such file in the package",
                                               hint="add the file or fix the path (paths are case-sensitive)",
                                               key="href"))
        for name in sorted(files - listed - self.junk - {MANIFEST}):
            # Our builder lists every file, so an unlisted one means a stale manifest or a stray file.
            self.problems.append(error(self.entry(name), "file is in the zip but listed in no <resource>",
                                       hint="list it as a <file> of the SCO resource, or remove it from the zip",
                                       key="unlisted-file"))
        if self.target is not None:
            self.check_lms_rules(root, cp, self.target, list(resources.values()))

    def check_lms_rules(self, root: etree._Element, cp: str, target: Target, resources: list) -> None:
        rules = target.manifest
        scos = [r for r in resources if (r.get(rules.sco_attribute_name) or "").lower() == "sco"]
        if not scos:
            self.problems.append(error(self.at(root.find(f"{{{cp}}}resources")), "the package has no SCO resource",
                                       hint=f"mark the launch resource adlcp:{rules.sco_attribute}=\"sco\"; "
                                            "without a SCO nothing is tracked", key="sco"))
        elif len(scos) > 1:
            # Valid SCORM, and Moodle plays it; but completion and grading then need per-SCO settings.
            self.problems.append(warning(self.at(scos[1]), f"{len(scos)} SCOs in the package; one is expected",
                                         hint="single-SCO packages track simply in Moodle/Totara and the app",
                                         key="sco"))
        sequencing = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).namespace == IMSSS]
        if sequencing:
            self.problems.append(warning(self.at(sequencing[0]), "IMS Simple Sequencing rules (imsss) found",
                                         hint="Moodle and Totara ignore IMS Simple Sequencing; gate inside the SCO",
                                         key="sequencing"))
        for element in root.iter(rules.mastery_score) if rules.mastery_score else ():
            text = (element.text or "").strip()
            try:
                value = float(text)
            except ValueError:
                value = -1.0
            if not 0 <= value <= 100:
                self.problems.append(error(self.at(element), f"masteryscore {text!r} is not a number from 0 to 100",
                                           hint="write the module's pass mark in percent, or omit it",
                                           key="masteryscore"))

    def check_remote_resources(self, archive: zipfile.ZipFile, files: list[str]) -> None:
        for name in files:
            if not name.lower().endswith(TEXT_ASSETS):
                continue
            text = archive.read(name).decode("utf-8", errors="replace")
            for label, match in _remote_matches(text):
                line = text.count("\n", 0, match.start()) + 1
                col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                self.problems.append(error(
                    SourcePos(f"{self.zip_path}!{name}", line, col),
                    f"remote resource ({label}): {_snippet(text, match)}",
                    hint="bundle the file in the package; LMSs and offline players may block remote "
                         "resources (plain <a href> links are fine)", key="remote-resource"))


@lru_cache(maxsize=64)
def _remote_matches(text: str) -> tuple[tuple[str, re.Match], ...]:
    """Every remote-resource pattern's matches in one file, found once: a build's packages share all
    their pages and styles (only the tracker differs), and these case-blind scans read every byte. Most
    files have no '//' at all: skipping them saves a tenth of a 1,000-page module's build."""
    if REMOTE_MARK not in text:
        return ()
    return tuple((label, match) for label, pattern in REMOTE_PATTERNS for match in pattern.finditer(text))


def _snippet(text: str, match: re.Match) -> str:
    end = min(len(text), match.end() + 60)
    stop = re.search(r"[\"')\s>]", text[match.end():end])
    return text[match.start(): match.end() + (stop.start() if stop else end - match.end())]
