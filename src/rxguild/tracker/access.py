"""Who may see or change what in the tracker: the one place that decides.

Every view, API endpoint and service fetches a member's cards, contacts, resumes and
informational interviews, and a recruiter's applicants, through the `*_get_for_*` helpers
here. They raise Http404 (not 403) for anything the viewer may not see, so ids of other
members' applications are not even confirmed to exist.

The two sides see different things: a member sees all of their own card; a recruiter of the
posting's employer sees a submitted application's shared part only (`shared_view`), never
the member's private notes. Staff are not recruiters here: an association's staff manage
postings (jobs.access) but do not read applications to employers they do not belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from rxguild.accounts.viewer import Viewer
from rxguild.jobs.access import posting_visible_queryset
from rxguild.jobs.models import Employer, JobPosting
from rxguild.tracker.models import (
    ApplicationContact,
    ApplicationResume,
    InformationalInterview,
    TrackedApplication,
)


def member_id_of(viewer: Viewer | None) -> int:
    if viewer is None or not viewer.is_authenticated:
        raise Http404
    return int(viewer.pk)


def application_get_for_member(viewer: Viewer | None, application_id: int) -> TrackedApplication:
    """The viewer's own tracker card, or 404."""
    member_id = member_id_of(viewer)
    try:
        return TrackedApplication.objects.select_related(
            "posting", "posting__employer", "shared_resume", "employer_stage"
        ).get(pk=application_id, member_id=member_id)
    except (TrackedApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def contact_get_for_member(viewer: Viewer | None, contact_id: int) -> ApplicationContact:
    member_id = member_id_of(viewer)
    try:
        return ApplicationContact.objects.select_related("application").get(
            pk=contact_id, application__member_id=member_id
        )
    except (ApplicationContact.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def resume_get_for_member(viewer: Viewer | None, resume_id: int) -> ApplicationResume:
    try:
        return ApplicationResume.objects.get(pk=resume_id, member_id=member_id_of(viewer))
    except (ApplicationResume.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def live_posting_get(public_id: UUID | str) -> JobPosting:
    """A live (published, not expired) posting a member may track or apply to, or 404."""
    try:
        return posting_visible_queryset().select_related("employer").get(public_id=public_id)
    except (JobPosting.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def interview_get_for_member(viewer: Viewer | None, interview_id: int) -> InformationalInterview:
    try:
        return InformationalInterview.objects.get(pk=interview_id, member_id=member_id_of(viewer))
    except (InformationalInterview.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def employer_ids_for(viewer: Viewer | None) -> set[int]:
    if viewer is None or not viewer.is_authenticated:
        return set()
    return set(viewer.employer_memberships.values_list("employer_id", flat=True))


def posting_get_for_employer_viewer(viewer: Viewer | None, public_id: UUID | str) -> JobPosting:
    """A posting of an employer the viewer recruits for, in any status, or 404."""
    try:
        return JobPosting.objects.select_related("employer").get(
            public_id=public_id, employer__members__user_id=member_id_of(viewer)
        )
    except (JobPosting.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def employer_applications_for(viewer: Viewer | None) -> QuerySet[TrackedApplication]:
    return TrackedApplication.objects.filter(
        submitted_at__isnull=False,
        posting__employer__members__user_id=member_id_of(viewer),
    ).select_related("posting", "posting__employer", "shared_resume", "employer_stage")


def application_get_for_employer(viewer: Viewer | None, application_id: int) -> TrackedApplication:
    """A submitted application to a posting of the viewer's employer, or 404. Use
    `shared_view` to show it: the model row also holds the member's private fields."""
    try:
        return employer_applications_for(viewer).get(pk=application_id)
    except (TrackedApplication.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def employer_get_for_viewer(viewer: Viewer | None, employer_id: int) -> Employer:
    try:
        return Employer.objects.get(pk=employer_id, members__user_id=member_id_of(viewer))
    except (Employer.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class ApplicationAccess:
    application: TrackedApplication
    as_member: bool
    as_employer: bool


def application_get_for_viewer(viewer: Viewer | None, application_id: int) -> ApplicationAccess:
    """The one decision of who may see an application: its member (everything) or a recruiter
    of the posting's employer once it was submitted (the shared part only). Otherwise 404."""
    member_id = member_id_of(viewer)
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
