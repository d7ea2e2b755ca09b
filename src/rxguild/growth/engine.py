"""The rating scale and the arithmetic of growth: plain data in, plain data out, no Django.

The four levels are RxGuild's own scale (not PTCB's). Each carries a behavioural anchor, so
that "3" means the same thing to the member, to a supervisor answering a feedback request and
to the chart: what the person does, not how confident they feel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

LEVEL_MIN = 1
LEVEL_MAX = 4
# Anonymous feedback shows only once this many people answered: with fewer, a member could
# tell who said what.
ANONYMITY_MINIMUM = 3


@dataclass(frozen=True)
class Level:
    value: int
    name: str
    anchor: str


LEVELS: tuple[Level, ...] = (
    Level(1, "Learning", "Needs step-by-step guidance and a check on every task."),
    Level(2, "Developing", "Does routine tasks alone; asks for help with unusual ones."),
    Level(3, "Proficient", "Handles routine and unusual cases alone and catches errors."),
    Level(4, "Leading", "Teaches others, improves the process, is the go-to person."),
)
LEVEL_BY_VALUE = {level.value: level for level in LEVELS}


class LevelError(ValueError):
    pass


def level_check(value: object) -> int:
    """The level as an int, or LevelError with a message fit for the page."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise LevelError(f"Choose a level from {LEVEL_MIN} to {LEVEL_MAX}.")
    try:
        number = int(value)
    except ValueError:
        raise LevelError(f"Choose a level from {LEVEL_MIN} to {LEVEL_MAX}.") from None
    if not LEVEL_MIN <= number <= LEVEL_MAX:
        raise LevelError(f"Choose a level from {LEVEL_MIN} to {LEVEL_MAX} (got {number}).")
    return number


# --- Weakest areas -----------------------------------------------------------------------


@dataclass(frozen=True)
class CompetencyRef:
    code: str
    name: str
    domain_code: str
    domain_weight: Decimal | None  # exam share, when the framework has one
    position: int  # order within the framework


@dataclass(frozen=True)
class WeakArea:
    code: str
    name: str
    level: int
    reason: str


def weakest_areas(
    competencies: Sequence[CompetencyRef], ratings: Mapping[str, int], *, limit: int = 3
) -> list[WeakArea]:
    """The lowest-rated competencies, at most `limit`, never one already at the top level.

    Ties go to the competency whose domain weighs more on the exam (a gap in Medications,
    40 % of the PTCE, costs more than one in Federal Requirements, 12.5 %), then to the order
    of the framework. Unrated competencies are not guessed at.
    """
    rated = [c for c in competencies if c.code in ratings and ratings[c.code] < LEVEL_MAX]
    rated.sort(key=lambda c: (ratings[c.code], -(c.domain_weight or Decimal(0)), c.position))
    result = []
    for ref in rated[:limit]:
        level = LEVEL_BY_VALUE[ratings[ref.code]]
        reason = f"You rated yourself {level.value} ({level.name})"
        if ref.domain_weight is not None:
            reason += f"; its domain is {ref.domain_weight.normalize():f} % of the exam"
        result.append(
            WeakArea(code=ref.code, name=ref.name, level=level.value, reason=reason + ".")
        )
    return result


# --- Change over time --------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentPoint:
    assessment_id: int
    on: date
    ratings: Mapping[str, int]  # competency code -> level


@dataclass(frozen=True)
class FeedbackPoint:
    """What others said in one answered feedback request: every level given per competency
    (several people), dated by the last answer. Only requests the member may see in full."""

    request_id: int
    on: date
    people: int
    ratings: Mapping[str, Sequence[int]]  # competency code -> levels given


SELF = "self"
OTHERS = "others"


@dataclass(frozen=True)
class SeriesPoint:
    assessment_id: int  # the feedback request's id for a point of kind OTHERS
    on: date
    average: Decimal | None  # None when nothing in the group was rated that time
    kind: str = SELF
    people: int = 0  # OTHERS: how many answered


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    points: tuple[SeriesPoint, ...]

    @property
    def change(self) -> Decimal | None:
        """Last self-rated average minus the first one, None with fewer than two. Feedback from
        others is shown beside it, never mixed into the member's own change."""
        values = [p.average for p in self.points if p.average is not None and p.kind == SELF]
        return values[-1] - values[0] if len(values) >= 2 else None


def _average(levels: Iterable[int]) -> Decimal | None:
    values = list(levels)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"))


def history_series(
    groups: Sequence[tuple[str, str, Sequence[str]]],
    assessments: Sequence[AssessmentPoint],
    feedback: Sequence[FeedbackPoint] = (),
) -> list[Series]:
    """One series per group (key, label, competency codes): its average at each assessment
    and at each answered feedback request, in time order (on the same day, the member's own
    assessment first)."""
    events: list[tuple[date, int, int, AssessmentPoint | FeedbackPoint]] = [
        (a.on, 0, a.assessment_id, a) for a in assessments
    ] + [(f.on, 1, f.request_id, f) for f in feedback]
    events.sort(key=lambda e: e[:3])
    series = []
    for key, label, codes in groups:
        points = []
        for _, _, _, event in events:
            if isinstance(event, AssessmentPoint):
                average = _average(event.ratings[c] for c in codes if c in event.ratings)
                points.append(SeriesPoint(event.assessment_id, event.on, average))
            else:
                levels = [level for c in codes for level in event.ratings.get(c, ())]
                points.append(
                    SeriesPoint(event.request_id, event.on, _average(levels), OTHERS, event.people)
                )
        series.append(Series(key=key, label=label, points=tuple(points)))
    return series


# --- The SVG chart -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChartLine:
    key: str
    label: str
    points: str  # "x,y x,y" for <polyline points=...>: the member's own ratings only
    dots: tuple[tuple[float, float], ...]
    others: tuple[tuple[float, float], ...] = ()  # feedback from others, drawn unjoined


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: tuple[ChartLine, ...]
    x_labels: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, int], ...]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


def chart_geometry(
    series: Sequence[Series], *, width: int = 360, height: int = 220, pad: int = 28
) -> Chart:
    """Coordinates for a line chart of averages (1-4) per assessment, evenly spaced in time
    order (dates label the x axis; spacing by order keeps close dates readable on a phone)."""
    left, right, top, bottom = pad + 4, width - 12, 12, height - pad
    count = max((len(s.points) for s in series), default=0)

    def x_at(index: int) -> float:
        if count <= 1:
            return round((left + right) / 2, 1)
        return round(left + (right - left) * index / (count - 1), 1)

    def y_at(value: Decimal) -> float:
        share = (value - LEVEL_MIN) / (LEVEL_MAX - LEVEL_MIN)
        return round(bottom - float(share) * (bottom - top), 1)

    lines = []
    for s in series:
        dots = tuple(
            (x_at(i), y_at(p.average))
            for i, p in enumerate(s.points)
            if p.average is not None and p.kind == SELF
        )
        others = tuple(
            (x_at(i), y_at(p.average))
            for i, p in enumerate(s.points)
            if p.average is not None and p.kind == OTHERS
        )
        lines.append(
            ChartLine(
                key=s.key,
                label=s.label,
                points=" ".join(f"{x},{y}" for x, y in dots),
                dots=dots,
                others=others,
            )
        )
    first = series[0].points if series else ()
    x_labels = tuple((x_at(i), p.on.strftime("%b %Y")) for i, p in enumerate(first))
    y_ticks = tuple((y_at(Decimal(v)), v) for v in range(LEVEL_MIN, LEVEL_MAX + 1))
    return Chart(
        width=width,
        height=height,
        lines=tuple(lines),
        x_labels=x_labels,
        y_ticks=y_ticks,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
    )


# --- CE suggestions ----------------------------------------------------------------------


@dataclass(frozen=True)
class CourseFacts:
    course_id: int
    title: str
    topic_code: str
    tags: tuple[str, ...]
    audience: str  # "T", "P" or ""


@dataclass(frozen=True)
class CourseMatch:
    course_id: int
    score: int
    reason: str


def course_matches(
    *,
    keywords: Sequence[str],
    topics: Sequence[str],
    courses: Iterable[CourseFacts],
    limit: int = 3,
) -> list[CourseMatch]:
    """Courses whose subject fits a competency, best first, each with why it was chosen.

    A keyword among the course's tags counts most (a provider said the course is about it),
    then a keyword in the title, then only a shared ACPE topic, which is broad ("04 General
    pharmacy"). Pharmacist-only (P) courses rank below technician ones: PTCB accepts at most
    5 P-specific hours a cycle (reference §1.2).
    """
    wanted = [k.casefold() for k in keywords]
    matches: list[tuple[int, str, CourseMatch]] = []
    for course in courses:
        tags = {t.casefold().replace("_", " ") for t in course.tags} | {
            t.casefold() for t in course.tags
        }
        title = course.title.casefold()
        tag_hits = [k for k in wanted if k in tags]
        title_hits = [k for k in wanted if k in title]
        score, reason = 0, ""
        if tag_hits:
            score, reason = 30, f"tagged “{tag_hits[0]}”"
        elif title_hits:
            score, reason = 20, f"title mentions “{title_hits[0]}”"
        elif course.topic_code and course.topic_code in topics:
            score, reason = 10, f"ACPE topic {course.topic_code}"
        if not score:
            continue
        if course.audience == "P":
            score -= 5
            reason += "; accredited for pharmacists (PTCB counts at most 5 such hours)"
        matches.append((-score, course.title, CourseMatch(course.course_id, score, reason)))
    matches.sort(key=lambda m: (m[0], m[1]))
    return [m[2] for m in matches[:limit]]


# --- Feedback side by side ---------------------------------------------------------------


@dataclass(frozen=True)
class GivenAnswer:
    who: str  # "Dana Lee (pharmacist)"; never shown for an anonymous request
    level: int | None  # None: "can't say"
    comment: str


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    name: str
    own_level: int | None
    others_average: Decimal | None
    others_count: int  # answers with a level
    answers: tuple[GivenAnswer, ...]  # empty while hidden
    comments: tuple[str, ...]  # unattributed, for anonymous requests


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparisonRow, ...]
    answered: int
    hidden: bool  # anonymous and fewer than the minimum answered
    hidden_reason: str


def feedback_comparison(
    *,
    competencies: Sequence[tuple[str, str]],
    own: Mapping[str, int],
    answers: Sequence[tuple[str, Mapping[str, tuple[int | None, str]]]],
    anonymous: bool,
    minimum: int = ANONYMITY_MINIMUM,
) -> Comparison:
    """The member's own latest level beside what others said, per competency.

    For an anonymous request nothing is shown until `minimum` people answered: with one or two
    answers the member could tell who said what. Then only averages and comments appear,
    comments sorted so their order gives no hint of who wrote them.
    """
    answered = len(answers)
    hidden = anonymous and answered < minimum
    rows = []
    for code, name in competencies:
        given = [(who, by_code[code]) for who, by_code in answers if code in by_code]
        levels = [level for _, (level, _) in given if level is not None]
        average = _average(levels) if not hidden else None
        rows.append(
            ComparisonRow(
                code=code,
                name=name,
                own_level=own.get(code),
                others_average=average,
                others_count=0 if hidden else len(levels),
                answers=()
                if hidden or anonymous
                else tuple(GivenAnswer(who, level, comment) for who, (level, comment) in given),
                comments=tuple(sorted(c for _, (_, c) in given if c))
                if anonymous and not hidden
                else (),
            )
        )
    reason = ""
    if hidden:
        reason = (
            f"You asked for anonymous feedback: answers appear once {minimum} people have "
            f"answered ({answered} so far)."
        )
    return Comparison(rows=tuple(rows), answered=answered, hidden=hidden, hidden_reason=reason)
