"""Output targets: one class per package format, declaring everything that format needs (STYLE rule 7).

A target owns every difference between the formats: its manifest writer, the runtime tracker files
(its adapter) the player is joined with, what its LMS keeps (suspend_data, interaction fields), the
longest values its adapter writes (time formats included), the tables that recognise and validate its
manifests, the
LMS administrator's note, and what the preview's emulated LMS needs. The rest of the package asks
the target and never names a format (tests/test_architecture.py keeps it so). Adding a format is
one module here, one adapter in runtime/, and their tests.

This module and the target classes import nothing heavy: the CLI and the source models read the
registry at start-up; lxml loads only when a manifest is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from lxml import etree

    from stce_scorm.source.models import Module

# What authors write in module.yaml `scorm:` and after `--scorm`; a test keeps it equal to TARGETS.
TargetName = Literal["1.2", "2004"]


@dataclass(frozen=True)
class DataModel:
    """What the target's runtime adapter writes into the LMS's data model, every value at its longest.

    The close-request estimate (check/close_request.py) adds these up as the LMS would send them.
    """

    core: dict[str, str]  # element -> value, outside interactions and objectives
    location: str  # the element holding the current page
    response: str  # the interaction field of the learner's response
    wrong: str  # `result` of a wrong answer
    time: tuple[str, str]  # an interaction's time element and its longest value
    latency: str  # the longest latency (the target's duration format)
    item: str  # delimiter between the items of a response pattern
    pair: str  # delimiter inside a matching pair
    range: str | None  # delimiter of a numeric range; None: only exact numbers are reported
    true_false: tuple[str, str]  # how `true` and `false` are written
    case_matters: str  # prefix of a case-sensitive fill-in pattern
    describes_interactions: bool  # the question's prompt is sent as the interaction's description
    objective: dict[str, str]  # an objective's fields beyond id and score.min/max/raw, at their longest
    interactions: str = "cmi.interactions"
    objectives: str = "cmi.objectives"
    suspend_data: str = "cmi.suspend_data"


@dataclass(frozen=True)
class ManifestRules:
    """How a manifest of this target is recognised and checked against its official schemas."""

    content_packaging: str  # namespace of the root <manifest>
    adlcp: str  # namespace of the ADL content packaging extensions
    sco_attribute: str  # the adlcp attribute that marks a resource as a SCO
    schema_version: re.Pattern  # matches <schemaversion> when the namespace does not say
    schema_folders: tuple[str, ...]  # the target's XSD folder, under each known layout
    schema_files: dict[str, str]  # namespace -> XSD file, imported by the target's wrapper schema
    mastery_score: str | None = None  # qualified name of the element holding a pass mark, if any

    @property
    def sco_attribute_name(self) -> str:
        """The SCO marker as Clark notation, e.g. `{namespace}scormtype`."""
        return f"{{{self.adlcp}}}{self.sco_attribute}"


class Target:
    """An output format with its declared capabilities; subclasses fill in every ClassVar."""

    name: ClassVar[str]  # as authors write it: module.yaml `scorm:`, `--scorm`
    label: ClassVar[str]  # short, in messages: "SCORM 1.2"
    title: ClassVar[str]  # in full, in the LMS note: "SCORM 2004 4th Edition"
    suffix: ClassVar[str]  # in package file names: `<id>-<version>-<lang>-<suffix>.zip`
    segment: ClassVar[str]  # in the preview's URLs (no dot, so it never looks like a file extension)
    tracker_files: ClassVar[tuple[str, ...]]  # runtime/ files of its tracker, in place of load-order.txt's "@tracker"
    api_name: ClassVar[str]  # the LMS's API object on window: the player looks for it, authors may not hide it
    suspend_data_limit: ClassVar[int]  # characters the LMS keeps of the player's saved state
    response_limit: ClassVar[int | None]  # characters of one learner response (None: no tighter limit)
    choice_limit: ClassVar[int | None]  # answers one choice response may hold (None: no limit)
    data_model: ClassVar[DataModel]
    manifest: ClassVar[ManifestRules]
    notes_template: ClassVar[str]  # the LMS administrator's note, in stce_scorm/templates/
    preview_runtime: ClassVar[str]  # scorm-again's browser build that emulates this target's LMS
    preview_global: ClassVar[str]  # the API class that build defines on window
    # What the LMS stand-in (preview/lms) needs besides: the API's 8 methods (Initialize, Finish, GetValue,
    # SetValue, Commit, GetLastError, GetErrorString, GetDiagnostic, in that order), the error code an LMS
    # answers for a value it refuses, the elements it sets at launch or keeps per session (the inspector's
    # fields derive from them and from the data model: `inspected_elements`), the exit values after which
    # Moodle's next launch is a resume, and the statuses Moodle rewrites when the SCO finishes.
    preview_lms: ClassVar[dict]
    # Elements the LMS sets at launch that the preview's inspector shows beside what the adapter writes.
    INSPECTED_AT_LAUNCH: ClassVar[tuple[str, ...]] = ("entry", "mode", "credit", "mastery", "passing")

    def inspected_elements(self) -> list[str]:
        """The data-model elements the preview's inspector shows: what the adapter writes outside interactions
        and objectives (its data model, the location), then what the LMS set at launch. Derived, so the
        inspector cannot drift from what the adapter writes."""
        launch = self.preview_lms["elements"]
        return [*self.data_model.core, self.data_model.location,
                *(launch[key] for key in self.INSPECTED_AT_LAUNCH if key in launch)]

    def build_manifest(self, module: Module, files: list[str]) -> bytes:
        """The imsmanifest.xml of this target for `module`, listing `files`."""
        raise NotImplementedError

    def names_schema_version(self, schema_version: str) -> bool:
        """True when a manifest's <schemaversion> text is this target's (for a manifest in no known namespace)."""
        return bool(self.manifest.schema_version.search(schema_version))


from stce_scorm.targets.scorm12 import Scorm12  # noqa: E402 - the subclasses need Target above
from stce_scorm.targets.scorm2004 import Scorm2004  # noqa: E402

TARGETS: dict[str, Target] = {target.name: target for target in (Scorm12(), Scorm2004())}


def target_for(name: str) -> Target:
    """The target an author names ('1.2' or '2004' today); KeyError for an unknown name."""
    return TARGETS[name]


def recognised_target(root: etree._Element) -> Target | None:
    """The target whose manifests look like `root`: by the root's namespace, else by its <schemaversion>."""
    from lxml import etree

    name = etree.QName(root)
    for target in TARGETS.values():
        if name.namespace == target.manifest.content_packaging:
            return target
    if name.localname != "manifest":
        return None
    schema_version = root.findtext("{*}metadata/{*}schemaversion") or ""
    return next((t for t in TARGETS.values() if t.names_schema_version(schema_version)), None)
