"""Reads for the tracker board and the employer pipeline: lists and views of objects the
viewer may see. Who may see which object is decided in access.py; the lists here filter by
the same rules (a member's own rows; a recruiter's employers' submitted applications)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from rxguild.accounts.viewer import Viewer
from rxguild.jobs.models import JobPosting
from rxguild.tracker.access import employer_applications_for, member_id_of
from rxguild.tracker.board import BOARD_ORDER, STAGE_LABELS, Stage
from rxguild.tracker.models import (
    ApplicationContact,
    ApplicationEvent,
    ApplicationResume,
    EmployerStage,
    InformationalInterview,
    TrackedApplication,
)

# --- Member side -------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    label: str
    cards: list[TrackedApplication]


def tracker_board_for_member(viewer: Viewer) -> list[BoardColumn]:
    """Every column of the member's board, in board order (one query)."""
    member_id = member_id_of(viewer)
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


def resumes_for_member(viewer: Viewer) -> list[ApplicationResume]:
    return list(ApplicationResume.objects.filter(member_id=member_id_of(viewer)))


def tracked_application_for_posting(
    viewer: Viewer, posting: JobPosting
) -> TrackedApplication | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    return TrackedApplication.objects.filter(member_id=viewer.pk, posting=posting).first()


def interviews_for_member(viewer: Viewer) -> QuerySet[InformationalInterview]:
    return InformationalInterview.objects.filter(member_id=member_id_of(viewer))


# --- Employer side -----------------------------------------------------------------------


def employer_postings_with_applicants(viewer: Viewer) -> QuerySet[JobPosting]:
    """The viewer's employers' postings with their applicant counts (one query)."""
    return (
        JobPosting.objects.filter(employer__members__user_id=member_id_of(viewer))
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


@dataclass(frozen=True)
class SharedIdentity:
    """Who the employer sees applying: the same three values at submission and in the apply
    preview, so the preview can't promise one name and send another."""

    name: str
    email: str
    headline: str


def shared_identity(member: Any) -> SharedIdentity:
    profile = getattr(member, "profile", None)
    name = (getattr(profile, "display_name", "") if profile else "") or member.get_full_name()
    return SharedIdentity(
        name=(name or member.email)[:200],
        email=member.email,
        headline=(getattr(profile, "headline", "") if profile else "")[:200],
    )


def shared_preview(
    member: Any, posting: JobPosting, *, note: str = "", resume_name: str = ""
) -> SharedApplication:
    """The application as the employer's applicant page will show it, before it is sent
    (the apply page renders it with the employer page's own partial)."""
    identity = shared_identity(member)
    return SharedApplication(
        id=0,
        posting_id=posting.pk,
        posting_title=posting.title,
        employer_id=posting.employer_id,
        name=identity.name,
        email=identity.email,
        headline=identity.headline,
        note=note.strip(),
        resume_id=None,
        resume_name=resume_name,
        submitted_at=None,
        stage_id=None,
        stage_name="",
        timeline=[],
    )


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


def applicants_for_posting(viewer: Viewer, posting: JobPosting) -> list[SharedApplication]:
    """The applicants to one of the viewer's postings, as shared (three queries in all)."""
    applications = (
        employer_applications_for(viewer)
        .filter(posting=posting)
        .prefetch_related(Prefetch("events", queryset=ApplicationEvent.objects.filter(shared=True)))
        .order_by("submitted_at", "id")
    )
    return [_shared(application) for application in applications]


def shared_view(application: TrackedApplication) -> SharedApplication:
    return _shared(application)


def employer_stages_for_posting(posting: JobPosting) -> list[EmployerStage]:
    return list(EmployerStage.objects.filter(employer_id=posting.employer_id))
