"""Manifest identifiers, derived only from the module's stable id.

An LMS ties learner tracks to these identifiers: they must not change when titles, pages or the
build date change (Moodle warns "The package seems to be changed" and may lose tracks otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ManifestIds:
    """The four identifiers of a single-SCO manifest; all valid XML IDs (module ids start with a letter)."""

    manifest: str
    organization: str
    item: str
    resource: str

    @classmethod
    def for_module(cls, module_id: str) -> ManifestIds:
        """Identifiers for the module whose id is `module_id` (already `^[a-z][a-z0-9_]*$`)."""
        return cls(manifest=module_id, organization=f"ORG-{module_id}",
                   item=f"ITEM-{module_id}", resource=f"RES-{module_id}")


def iso_duration(minutes: int) -> str:
    """A duration in minutes as ISO 8601, e.g. 90 -> 'PT1H30M' (what LOM typicalLearningTime wants)."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


LAUNCH_FILE = "index.html"


def manifest_files(files: list[str]) -> list[str]:
    """The files a manifest lists: every package path but the manifest itself, sorted, once each."""
    return sorted({f for f in files if f != "imsmanifest.xml"})
