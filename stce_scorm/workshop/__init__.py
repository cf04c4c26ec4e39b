"""The workshop kit: trainer slides, facilitator guide and participant handout from a module's sources.

Training offices run classroom workshops on the same subject as the e-learning; copying text into
slides by hand lets the two drift apart. The kit is made from the same checked module as the
packages, through the same loader, Markdown parser, images, theme chain and locale files, so a
change in a lesson reaches the classroom on the next run.

Everything is made in memory first and written only when all of it succeeded, each file beside its
target and then renamed, as the storyboard and the packages are: a failed run leaves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stce_scorm.atomic_write import write_all_atomic

__all__ = ["WorkshopKit", "kit_file_names", "write_workshop"]


@dataclass(frozen=True)
class WorkshopKit:
    """The files one run wrote."""

    slides: Path
    guide_pdf: Path
    guide_html: Path
    handout_pdf: Path

    @property
    def files(self) -> list[Path]:
        return [self.slides, self.guide_pdf, self.guide_html, self.handout_pdf]


def kit_file_names(module_id: str, version: str, language: str) -> dict[str, str]:
    """`<id>-<version>-<language>-slides.pptx`, `-facilitator-guide.pdf|.html`, `-handout.pdf`."""
    stem = f"{module_id}-{version}-{language}"
    return {"slides": f"{stem}-slides.pptx", "guide_pdf": f"{stem}-facilitator-guide.pdf",
            "guide_html": f"{stem}-facilitator-guide.html", "handout_pdf": f"{stem}-handout.pdf"}


def write_workshop(module_dir: Path, out_dir: Path, language: str | None = None,
                   cache_dir: Path | None = None) -> WorkshopKit:
    """Check MODULE_DIR and write its workshop kit into `out_dir`, in `language` (the module's source language,
    by default, or one of its complete translations)."""
    from stce_scorm.pipeline import check_sources
    from stce_scorm.user_cache import default_cache_dir
    from stce_scorm.storyboard.pdf import document_pdf
    from stce_scorm.translate.editions import edition
    from stce_scorm.workshop.guide import guide_html
    from stce_scorm.workshop.handout import handout_html
    from stce_scorm.workshop.kit import kit_content
    from stce_scorm.workshop.pictures import slide_picture
    from stce_scorm.workshop.printing import print_environment
    from stce_scorm.workshop.slides import PICTURE_BOX, slides_bytes

    checked = check_sources(Path(module_dir))
    module, theme = edition(checked.module, language), checked.theme  # a translation as a build makes it
    config = module.config
    words = theme.locale(config.language)
    brand, logo = theme.brand()
    images = (cache_dir or default_cache_dir()) / "images"

    kit = kit_content(module, str(words["scenario"]))
    slides = slides_bytes(kit, words, brand, logo,
                          lambda picture: slide_picture(module.root / picture.src, PICTURE_BOX[2], images,
                                                       module.translated_media.get(picture.src)))
    identity = f"{config.id}\n{config.version}\n{config.language}\nworkshop"
    guide = guide_html(kit, print_environment(module, theme, words, True, images), theme, brand, logo,
                       module.assessments)
    handout = handout_html(kit, print_environment(module, theme, words, False, images), theme, brand, logo)
    contents = {"slides": slides, "guide_pdf": document_pdf(guide, identity + "-guide"),
                "guide_html": guide.encode("utf-8"), "handout_pdf": document_pdf(handout, identity + "-handout")}

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = kit_file_names(config.id, config.version, config.language)
    write_all_atomic({out_dir / names[key]: data for key, data in contents.items()})  # all of the kit, or none
    return WorkshopKit(**{key: out_dir / name for key, name in names.items()})
