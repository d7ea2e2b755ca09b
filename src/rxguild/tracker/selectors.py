"""Reads for the tracker, the employer pipeline and saved searches.

One place decides who may see what: every view and API endpoint fetches through the
`*_get_for_*` helpers here, which raise Http404 (not 403) for anything the viewer may not
see, so ids of other members' applications are not even confirmed to exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rxguild.jobs.models import Employer, JobPosting
from rxguild.tracker.board import BOARD_ORDER, STAGE_LABELS, Stage
from rxguild.tracker.models import (
    ApplicationContact,
    ApplicationEvent,
    ApplicationResume,
    EmployerStage,
    InformationalInterview,
    TrackedApplication,
)


def _member_id(viewer: Any) -> int:
    if viewer is None or not viewer.is_authenticated:
        raise Http404
    return int(viewer.pk)


# --- Member side -------------------------------------------------------------------------


def application_get_for_member(viewer: Any, application_id: int) -> TrackedApplication:
    """The viewer's own tracker card, or 404."""
    member_id = _member_id(viewer)
    try:
        return TrackedApplication.objects.select_related(
            "posting", "posting__employer", "shared_resume", "employer_stage"
        ).get(pk=application_id, member_id=member_id)
    except (TrackedApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    label: str
    cards: list[TrackedApplication]


def tracker_board_for_member(viewer: Any) -> list[BoardColumn]:
    """Every column of the member's board, in board order (one query)."""
    member_id = _member_id(viewer)
    by_stage: dict[str, list[TrackedApplication]] = {stage.value: [] for stage in BOARD_ORDER}
    cards = (
        TrackedApplication.objects.filter(member_id=member_id)
        .select_related("posting", "employer_stage")
        .order_by("position", "id")
    )
    for card in cards:
        by_stage[card.stage].append(card)
    return [BoardColumn(stage, STAGE_LABELS[stage], by_stage[stage.value]) for stage in BOARD_ORDER]


def application_timeline_for_member(application: TrackedApplication) -> list[ApplicationEvent]:
    return list(application.events.all())


def application_contacts(application: TrackedApplication) -> list[ApplicationContact]:
    return list(application.contacts.all())


def contact_get_for_member(viewer: Any, contact_id: int) -> ApplicationContact:
    member_id = _member_id(viewer)
    try:
        return ApplicationContact.objects.select_related("application").get(
            pk=contact_id, application__member_id=member_id
        )
    except (ApplicationContact.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def resumes_for_member(viewer: Any) -> list[ApplicationResume]:
    return list(ApplicationResume.objects.filter(member_id=_member_id(viewer)))


def resume_get_for_member(viewer: Any, resume_id: int) -> ApplicationResume:
    try:
        return ApplicationResume.objects.get(pk=resume_id, member_id=_member_id(viewer))
    except (ApplicationResume.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def tracked_application_for_posting(viewer: Any, posting: JobPosting) -> TrackedApplication | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    return TrackedApplication.objects.filter(member_id=viewer.pk, posting=posting).first()


def live_posting_get(public_id: Any) -> JobPosting:
    """A live (published, not expired) posting a member may track or apply to, or 404."""
    try:
        return JobPosting.objects.select_related("employer").get(
            public_id=public_id,
            status=JobPosting.Status.PUBLISHED,
            valid_through__gt=timezone.now(),
        )
    except (JobPosting.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def interviews_for_member(viewer: Any) -> QuerySet[InformationalInterview]:
    return InformationalInterview.objects.filter(member_id=_member_id(viewer))


def interview_get_for_member(viewer: Any, interview_id: int) -> InformationalInterview:
    try:
        return InformationalInterview.objects.get(pk=interview_id, member_id=_member_id(viewer))
    except (InformationalInterview.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Employer side -----------------------------------------------------------------------


def employer_ids_for(viewer: Any) -> set[int]:
    if viewer is None or not viewer.is_authenticated:
        return set()
    return set(viewer.employer_memberships.values_list("employer_id", flat=True))


def posting_get_for_employer_viewer(viewer: Any, public_id: Any) -> JobPosting:
    """A posting of an employer the viewer recruits for, in any status, or 404."""
    try:
        return JobPosting.objects.select_related("employer").get(
            public_id=public_id, employer__members__user_id=_member_id(viewer)
        )
    except (JobPosting.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def employer_postings_with_applicants(viewer: Any) -> QuerySet[JobPosting]:
    """The viewer's employers' postings with their applicant counts (one query)."""
    return (
        JobPosting.objects.filter(employer__members__user_id=_member_id(viewer))
        .select_related("employer")
        .annotate(
            applicant_count=Count(
                "tracked_applications",
                filter=Q(tracked_applications__submitted_at__isnull=False),
            )
        )
        .order_by("-date_posted", "-id")
    )


@dataclass(frozen=True)
class SharedApplication:
    """What an employer may see of an application: exactly what the member shared.

    Built field by field so a template or API schema can never reach the member's own notes,
    board position, contacts or private timeline through the model.
    """

    id: int
    posting_id: int
    posting_title: str
    employer_id: int
    name: str
    email: str
    headline: str
    note: str
    resume_id: int | None
    resume_name: str
    submitted_at: Any
    stage_id: int | None
    stage_name: str
    timeline: list[ApplicationEvent]


def _shared(application: TrackedApplication) -> SharedApplication:
    posting = application.posting
    assert posting is not None  # only submitted RxGuild applications reach here
    return SharedApplication(
        id=application.pk,
        posting_id=posting.pk,
        posting_title=posting.title,
        employer_id=posting.employer_id,
        name=application.shared_name,
        email=application.shared_email,
        headline=application.shared_headline,
        note=application.shared_note,
        resume_id=application.shared_resume_id,
        resume_name=application.shared_resume.original_name if application.shared_resume else "",
        submitted_at=application.submitted_at,
        stage_id=application.employer_stage_id,
        stage_name=application.employer_stage.name if application.employer_stage else "",
        timeline=[event for event in application.events.all() if event.shared],
    )


def _employer_applications(viewer: Any) -> QuerySet[TrackedApplication]:
    return TrackedApplication.objects.filter(
        submitted_at__isnull=False,
        posting__employer__members__user_id=_member_id(viewer),
    ).select_related("posting", "posting__employer", "shared_resume", "employer_stage")


def applicants_for_posting(viewer: Any, posting: JobPosting) -> list[SharedApplication]:
    """The applicants to one of the viewer's postings, as shared (three queries in all)."""
    applications = (
        _employer_applications(viewer)
        .filter(posting=posting)
        .prefetch_related(Prefetch("events", queryset=ApplicationEvent.objects.filter(shared=True)))
        .order_by("submitted_at", "id")
    )
    return [_shared(application) for application in applications]


def application_get_for_employer(viewer: Any, application_id: int) -> TrackedApplication:
    """A submitted application to a posting of the viewer's employer, or 404. Use
    `shared_view` to show it: the model row also holds the member's private fields."""
    try:
        return _employer_applications(viewer).get(pk=application_id)
    except (TrackedApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def shared_view(application: TrackedApplication) -> SharedApplication:
    return _shared(application)


def employer_stages_for_posting(posting: JobPosting) -> list[EmployerStage]:
    return list(EmployerStage.objects.filter(employer_id=posting.employer_id))


def employer_get_for_viewer(viewer: Any, employer_id: int) -> Employer:
    try:
        return Employer.objects.get(pk=employer_id, members__user_id=_member_id(viewer))
    except (Employer.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class ApplicationAccess:
    application: TrackedApplication
    as_member: bool
    as_employer: bool


def application_get_for_viewer(viewer: Any, application_id: int) -> ApplicationAccess:
    """The one decision of who may see an application: its member (everything) or a recruiter
    of the posting's employer once it was submitted (the shared part only). Otherwise 404."""
    member_id = _member_id(viewer)
    try:
        application = TrackedApplication.objects.select_related(
            "posting", "posting__employer", "shared_resume", "employer_stage"
        ).get(pk=application_id)
    except (TrackedApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    as_member = application.member_id == member_id
    as_employer = (
        application.submitted_at is not None
        and application.posting is not None
        and application.posting.employer_id in employer_ids_for(viewer)
    )
    if not (as_member or as_employer):
        raise Http404
    return ApplicationAccess(application, as_member=as_member, as_employer=as_employer)
