"""The cohort's progress chart: one bar per student, signed hours then hours waiting for
sign-off, against the program's requirement. Pure (no Django import): it returns geometry and
the sentences that say the same thing in words, so the SVG and its text alternative never
disagree.

Bars are scaled to the largest of the requirements and the hours logged, so a student past
the requirement still fits; the requirement is a marker on each bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

BAR_HEIGHT = 18
ROW_HEIGHT = 42  # a name line above each bar
WIDTH = 320  # viewBox units: the SVG scales to the page, so 390 px phones need no scrolling


@dataclass(frozen=True)
class StudentHours:
    name: str
    signed: Decimal
    pending: Decimal
    required: int | None


@dataclass(frozen=True)
class Bar:
    name: str
    y: int  # top of the name line
    bar_y: int
    signed_width: float
    pending_x: float
    pending_width: float
    required_x: float | None
    text: str  # the sentence a screen reader gets, and the table repeats


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    summary: str


def _sentence(student: StudentHours) -> str:
    parts = [f"{student.name}: {student.signed} h signed"]
    if student.pending:
        parts.append(f"{student.pending} h waiting for sign-off")
    if student.required:
        percent = min(100, int(student.signed * 100 // student.required))
        parts.append(f"{percent} % of {student.required} required")
    return ", ".join(parts) + "."


def progress_chart(students: Sequence[StudentHours]) -> Chart:
    scale_max = max(
        [Decimal(1)]
        + [s.signed + s.pending for s in students]
        + [Decimal(s.required) for s in students if s.required]
    )
    bars = []
    for n, student in enumerate(students):
        y = n * ROW_HEIGHT
        signed_width = float(student.signed / scale_max * WIDTH)
        pending_width = float(student.pending / scale_max * WIDTH)
        bars.append(
            Bar(
                name=student.name,
                y=y,
                bar_y=y + 18,
                signed_width=round(signed_width, 1),
                pending_x=round(signed_width, 1),
                pending_width=round(pending_width, 1),
                required_x=round(float(Decimal(student.required) / scale_max * WIDTH), 1)
                if student.required
                else None,
                text=_sentence(student),
            )
        )
    done = sum(1 for s in students if s.required and s.signed >= s.required)
    with_requirement = sum(1 for s in students if s.required)
    summary = (
        f"{len(students)} student{'s' if len(students) != 1 else ''}; "
        f"{done} of {with_requirement} with a requirement have all required hours signed."
    )
    return Chart(
        width=WIDTH,
        height=max(ROW_HEIGHT, len(students) * ROW_HEIGHT),
        bars=tuple(bars),
        summary=summary,
    )
