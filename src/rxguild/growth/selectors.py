"""Reads for the growth pages and API. Callers pass objects already fetched through
`access`; these functions never widen what a viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from rxguild.ce.models import Course
from rxguild.growth import engine
from rxguild.growth.models import (
    Assessment,
    Competency,
    Domain,
    FeedbackAnswer,
    FeedbackInvite,
    FeedbackRequest,
    Framework,
    Goal,
    Rating,
)
from rxguild.growth.services.feedback import FEEDBACK_LINK_DAYS, RESEND_MAX


def frameworks_for_member(member: Any) -> QuerySet[Framework]:
    """Active frameworks with the member's assessment count and last date: one query.

    Ordered explicitly: Django drops Meta.ordering from GROUP BY queries."""
    mine = Q(assessments__member=member)
    return (
        Framework.objects.filter(is_active=True)
        .annotate(
            assessment_count=Count("assessments", filter=mine),
            last_assessed_at=Max("assessments__created_at", filter=mine),
        )
        .order_by("position", "name")
    )


def framework_domains(framework: Framework) -> list[Domain]:
    """Active domains with their active competencies, in file order: two queries."""
    return list(
        framework.domains.filter(is_active=True)
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "competencies",
                queryset=Competency.objects.filter(is_active=True).order_by("position"),
            )
        )
    )


def competency_refs(domains: list[Domain]) -> list[engine.CompetencyRef]:
    return [
        engine.CompetencyRef(
            code=c.code,
            name=c.name,
            domain_code=d.code,
            domain_weight=d.weight,
            position=c.position,
        )
        for d in domains
        for c in d.competencies.all()
    ]


def ratings_by_code(assessment: Assessment) -> dict[str, int]:
    return dict(
        Rating.objects.filter(assessment=assessment).values_list("competency__code", "level")
    )


@dataclass(frozen=True)
class FrameworkHistory:
    framework: Framework
    domains: list[Domain]
    assessments: list[Assessment]  # newest first
    series: list[engine.Series]  # one per domain, oldest point first
    chart: engine.Chart
    latest_ratings: dict[str, int]
    previous_ratings: dict[str, int]
    weakest: list[engine.WeakArea]
    feedback_count: int = 0  # answered feedback requests shown beside the assessments


def framework_history(member: Any, framework: Framework) -> FrameworkHistory:
    """Everything the history page shows: five queries whatever the number of assessments and
    feedback answers."""
    domains = framework_domains(framework)
    assessments = list(
        Assessment.objects.filter(member=member, framework=framework).order_by("-created_at", "-id")
    )
    by_assessment: dict[int, dict[str, int]] = {a.pk: {} for a in assessments}
    for assessment_id, code, level in Rating.objects.filter(
        assessment__in=[a.pk for a in assessments]
    ).values_list("assessment_id", "competency__code", "level"):
        by_assessment[assessment_id][code] = level
    points = [
        engine.AssessmentPoint(
            assessment_id=a.pk, on=a.created_at.date(), ratings=by_assessment[a.pk]
        )
        for a in assessments
    ]
    groups = [(d.code, d.name, [c.code for c in d.competencies.all()]) for d in domains]
    feedback = feedback_points(member, framework)
    series = engine.history_series(groups, points, feedback)
    latest = by_assessment[assessments[0].pk] if assessments else {}
    previous = by_assessment[assessments[1].pk] if len(assessments) > 1 else {}
    return FrameworkHistory(
        framework=framework,
        domains=domains,
        assessments=assessments,
        series=series,
        chart=engine.chart_geometry(series),
        latest_ratings=latest,
        previous_ratings=previous,
        weakest=engine.weakest_areas(competency_refs(domains), latest),
        feedback_count=len(feedback),
    )


def feedback_points(member: Any, framework: Framework) -> list[engine.FeedbackPoint]:
    """Answered feedback on `framework` for the history chart, one point per request: one
    query. An anonymous request counts only once ANONYMITY_MINIMUM people answered, exactly
    as its comparison page shows it; a withdrawn request keeps the answers already given."""
    rows = FeedbackAnswer.objects.filter(
        invite__request__member=member,
        invite__request__framework=framework,
        invite__answered_at__isnull=False,
    ).values_list(
        "invite__request_id",
        "invite__request__anonymous",
        "invite_id",
        "invite__answered_at",
        "competency__code",
        "level",
    )
    people: dict[int, set[int]] = {}
    last: dict[int, datetime] = {}
    anonymous: dict[int, bool] = {}
    levels: dict[int, dict[str, list[int]]] = {}
    for request_id, is_anonymous, invite_id, answered_at, code, level in rows:
        people.setdefault(request_id, set()).add(invite_id)
        anonymous[request_id] = is_anonymous
        if answered_at is not None:  # always, by the filter; says so to the type checker
            last[request_id] = max(last.get(request_id, answered_at), answered_at)
        by_code = levels.setdefault(request_id, {})
        if level is not None:
            by_code.setdefault(code, []).append(level)
    return [
        engine.FeedbackPoint(
            request_id=request_id,
            on=timezone.localdate(last[request_id]),
            people=len(invites),
            ratings=levels[request_id],
        )
        for request_id, invites in sorted(people.items())
        if levels[request_id]
        and (not anonymous[request_id] or len(invites) >= engine.ANONYMITY_MINIMUM)
    ]


def assessments_for_member_read(member: Any) -> list[Assessment]:
    """A member's assessments with their ratings, newest first (staff read-only view): two
    queries."""
    return list(
        Assessment.objects.filter(member=member)
        .select_related("framework")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=Rating.objects.select_related("competency").order_by(
                    "competency__domain__position", "competency__position"
                ),
            )
        )
    )


@dataclass(frozen=True)
class CourseSuggestion:
    course: Course
    reason: str


@dataclass(frozen=True)
class WeakAreaSuggestions:
    area: engine.WeakArea
    competency: Competency
    courses: list[CourseSuggestion]


# Enough candidates for a good pick without reading a large imported catalog whole.
COURSE_CANDIDATES = 300


def suggestions_for_weak_areas(
    weak: list[engine.WeakArea], domains: list[Domain]
) -> list[WeakAreaSuggestions]:
    """For each weak area, up to three CE courses whose subject fits: one query for courses.

    Candidates are courses sharing an ACPE topic or with a keyword in the title; the engine
    ranks them (tags first). Tag-only matches outside the topics are not found: a trade-off
    for one indexed query instead of reading every course.
    """
    if not weak:
        return []
    by_code = {c.code: c for d in domains for c in d.competencies.all()}
    chosen = [by_code[w.code] for w in weak if w.code in by_code]
    topics = sorted({t for c in chosen for t in c.ce_topics})
    keywords = sorted({k for c in chosen for k in c.ce_keywords})
    condition = Q(topic_code__in=topics)
    for keyword in keywords:
        condition |= Q(title__icontains=keyword)
    candidates = list(
        Course.objects.filter(condition)
        .select_related("provider")
        .order_by("title", "id")[:COURSE_CANDIDATES]
    )
    facts = [
        engine.CourseFacts(
            course_id=c.pk,
            title=c.title,
            topic_code=c.topic_code,
            tags=tuple(str(t) for t in (c.tags or [])),
            audience=c.audience,
        )
        for c in candidates
    ]
    courses = {c.pk: c for c in candidates}
    result = []
    for area in weak:
        competency = by_code.get(area.code)
        if competency is None:
            continue
        matches = engine.course_matches(
            keywords=competency.ce_keywords, topics=competency.ce_topics, courses=facts
        )
        result.append(
            WeakAreaSuggestions(
                area=area,
                competency=competency,
                courses=[CourseSuggestion(courses[m.course_id], m.reason) for m in matches],
            )
        )
    return result


def goals_for_member(member: Any) -> QuerySet[Goal]:
    """The member's goals with links and milestones: two queries."""
    return (
        Goal.objects.filter(member=member)
        .select_related("competency", "credential", "course", "saved_job")
        .prefetch_related("milestones")
    )


def invite_link_expires_at(invite: FeedbackInvite, request: FeedbackRequest) -> datetime:
    """When the invite's current link stops working: FEEDBACK_LINK_DAYS after it was emailed
    (a resend emails a new one)."""
    return (invite.sent_at or request.created_at) + timedelta(days=FEEDBACK_LINK_DAYS)


def invite_status(invite: FeedbackInvite, request: FeedbackRequest, now: datetime) -> str:
    if invite.answered_at:
        return "answered"
    if invite.declined_at:
        return "declined"
    if request.withdrawn_at:
        return "withdrawn"
    if invite_link_expires_at(invite, request) <= now:
        return "expired"
    return "waiting"


def invite_may_resend(invite: FeedbackInvite, request: FeedbackRequest, status: str) -> bool:
    """Whether the page offers "send the link again" (the service checks it all again)."""
    return status in ("waiting", "expired") and invite.resent_count < RESEND_MAX


@dataclass(frozen=True)
class InviteRow:
    invite: FeedbackInvite
    status: str
    link_expires_at: datetime
    may_resend: bool


@dataclass(frozen=True)
class FeedbackRequestView:
    request: FeedbackRequest
    invites: list[tuple[FeedbackInvite, str]]
    comparison: engine.Comparison
    rows: tuple[InviteRow, ...] = ()


def feedback_request_view(request: FeedbackRequest) -> FeedbackRequestView:
    """The request's invites with status and the side-by-side comparison: five queries."""
    now = timezone.now()
    competencies = list(request.competencies.order_by("domain__position", "position"))
    invites = list(request.invites.prefetch_related("answers__competency"))
    latest = (
        Assessment.objects.filter(member_id=request.member_id, framework_id=request.framework_id)
        .order_by("-created_at", "-id")
        .first()
    )
    own = ratings_by_code(latest) if latest else {}
    answers = [
        (
            f"{invite.name or invite.email} ({invite.get_relationship_display().lower()})",
            {a.competency.code: (a.level, a.comment) for a in invite.answers.all()},
        )
        for invite in invites
        if invite.answered_at
    ]
    comparison = engine.feedback_comparison(
        competencies=[(c.code, c.name) for c in competencies],
        own=own,
        answers=answers,
        anonymous=request.anonymous,
        minimum=engine.ANONYMITY_MINIMUM,
    )
    statuses = [(invite, invite_status(invite, request, now)) for invite in invites]
    return FeedbackRequestView(
        request=request,
        invites=statuses,
        comparison=comparison,
        rows=tuple(
            InviteRow(
                invite=invite,
                status=status,
                link_expires_at=invite_link_expires_at(invite, request),
                may_resend=invite_may_resend(invite, request, status),
            )
            for invite, status in statuses
        ),
    )
