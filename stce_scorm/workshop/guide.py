"""The facilitator guide: the running order with times, how to run each scenario as a group exercise,
the answer keys and the sources, as HTML and (through WeasyPrint, as the storyboard) PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from stce_scorm.render.theme import Brand, Theme
from stce_scorm.source.models import Assessment
from stce_scorm.workshop.kit import Kit, KitLesson
from stce_scorm.workshop.printing import render_print


@dataclass(frozen=True)
class TimeSlot:
    """One line of the running order: what, from which minute, for how long."""

    lesson: KitLesson | None  # None: the assessment and review after the lessons
    start: int
    minutes: int

    @property
    def clock(self) -> str:
        """The start as h:mm from the beginning of the session."""
        return f"{self.start // 60}:{self.start % 60:02d}"


def schedule(kit: Kit) -> list[TimeSlot]:
    """Lessons in order with the module's own learning times; the time the module gives beyond its
    lessons (learning_time_minutes minus the lessons' minutes) goes to the assessment and review."""
    slots: list[TimeSlot] = []
    start = 0
    for lesson in kit.lessons:
        slots.append(TimeSlot(lesson, start, lesson.lesson.minutes))
        start += lesson.lesson.minutes
    rest = kit.config.learning_time_minutes - start
    if rest > 0:
        slots.append(TimeSlot(None, start, rest))
    return slots


def guide_html(kit: Kit, env: jinja2.Environment, theme: Theme, brand: Brand, logo: Path | None,
               assessments: list[Assessment]) -> str:
    """The facilitator guide as one self-contained HTML document."""
    slots = schedule(kit)
    return render_print(env, "workshop_guide.html", kit, theme, brand, logo, schedule=slots,
                        total_minutes=sum(slot.minutes for slot in slots), assessments=assessments)
