"""One output format per SCORM version, with its declared capabilities (STYLE rule 7).

Everything that differs between SCORM 1.2 and 2004 on the packaging side is declared here or lives
in the version's manifest writer; the runtime's tracking adapter holds the rest.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from stce_scorm.scorm import manifest_12, manifest_2004
from stce_scorm.source.models import Module


class ScormFormat:
    """A SCORM output format: what it can store, and how its manifest is written."""

    version: ClassVar[Literal["1.2", "2004"]]
    label: ClassVar[str]
    suffix: ClassVar[str]  # in package file names: `<id>-<version>-<lang>-<suffix>.zip`
    api_name: ClassVar[str]  # the LMS object the SCO looks for in its window ancestors
    suspend_data_limit: ClassVar[int]  # characters of cmi(.core).suspend_data
    location_limit: ClassVar[int]  # characters of cmi.core.lesson_location / cmi.location

    def build_manifest(self, module: Module, files: list[str]) -> bytes:
        """The imsmanifest.xml of this format for `module`, listing `files`."""
        raise NotImplementedError


class Scorm12(ScormFormat):
    """SCORM 1.2: the default; the only version the Moodle app plays."""

    version = "1.2"
    label = "SCORM 1.2"
    suffix = "scorm12"
    api_name = "API"
    suspend_data_limit = 4096
    location_limit = 255

    def build_manifest(self, module: Module, files: list[str]) -> bytes:
        """The SCORM 1.2 imsmanifest.xml of `module`."""
        return manifest_12.build_manifest(module, files)


class Scorm2004(ScormFormat):
    """SCORM 2004 4th edition, without sequencing: richer interaction reports."""

    version = "2004"
    label = "SCORM 2004 4th Edition"
    suffix = "scorm2004"
    api_name = "API_1484_11"
    suspend_data_limit = 64000
    location_limit = 1000

    def build_manifest(self, module: Module, files: list[str]) -> bytes:
        """The SCORM 2004 4th edition imsmanifest.xml of `module`."""
        return manifest_2004.build_manifest(module, files)


FORMATS: dict[str, ScormFormat] = {f.version: f for f in (Scorm12(), Scorm2004())}


def format_for(version: str) -> ScormFormat:
    """The output format of a SCORM version ('1.2' or '2004')."""
    return FORMATS[version]
