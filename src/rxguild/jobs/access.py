"""Who may see, manage and review job postings and employers: the one place that decides.

Pages, the API, services, the importer and the tracker ask here. A posting that is not live
is a plain 404 for anyone who may not manage or review it, so nobody learns that a draft
exists. Templates read a `PostingAccess` and never repeat a rule.

What may happen to a posting in each state is here too (the `*_FROM` sets): the services
enforce the same sets when they change the state, so a button shows exactly when its
action would succeed.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rxguild.accounts.viewer import Viewer, is_site_moderator
from rxguild.jobs.models import Employer, EmployerMember, JobPosting, PostingCredential

Status = JobPosting.Status
SUBMIT_FROM = frozenset({Status.DRAFT})
PUBLISH_FROM = frozenset({Status.IN_REVIEW, Status.DRAFT})
SEND_BACK_FROM = frozenset({Status.IN_REVIEW})
REVERIFY_FROM = frozenset({Status.PUBLISHED, Status.EXPIRED})
CLOSE_FROM = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.EXPIRED})
EDIT_FROM = CLOSE_FROM


def can_manage_employer(viewer: Viewer | None, employer: Employer) -> bool:
    """Staff, or a recruiter/admin member of this employer."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if viewer.is_staff:
        return True
    return EmployerMember.objects.filter(employer=employer, user=viewer).exists()


def can_review_postings(viewer: Viewer | None) -> bool:
    """Site moderators review postings (and publish their own without review)."""
    return is_site_moderator(viewer)


def employers_managed_by(viewer: Viewer | None) -> list[Employer]:
    if viewer is None or not viewer.is_authenticated:
        return []
    if viewer.is_staff:
        return list(Employer.objects.all())
    return list(Employer.objects.filter(members__user=viewer).distinct())


def employer_get_for_manager(viewer: Viewer | None, slug: str) -> Employer:
    """An employer its recruiters (or staff) manage; a 404 for everyone else."""
    employer = get_object_or_404(Employer, slug=slug)
    if not can_manage_employer(viewer, employer):
        raise Http404("No such employer.")
    return employer


@dataclass(frozen=True)
class PostingAccess:
    """Everything a page needs to know about what this viewer may do with this posting."""

    status: str
    may_manage: bool  # the employer's recruiters and staff
    may_review: bool  # staff and moderators

    @property
    def may_act(self) -> bool:
        return self.may_manage or self.may_review

    @property
    def may_edit(self) -> bool:
        return self.may_manage and self.status in EDIT_FROM

    @property
    def may_submit(self) -> bool:
        return self.may_manage and self.status in SUBMIT_FROM

    @property
    def may_reverify(self) -> bool:
        return self.may_manage and self.status in REVERIFY_FROM

    @property
    def may_close(self) -> bool:
        return self.may_act and self.status in CLOSE_FROM

    @property
    def may_review_now(self) -> bool:
        return self.may_review and self.status in PUBLISH_FROM

    @property
    def may_see_applicants(self) -> bool:
        return self.may_manage


def posting_access(viewer: Viewer | None, posting: JobPosting) -> PostingAccess:
    return PostingAccess(
        status=posting.status,
        may_manage=can_manage_employer(viewer, posting.employer),
        may_review=can_review_postings(viewer),
    )


def posting_visible_queryset() -> QuerySet[JobPosting]:
    """Live postings: what everyone may see, signed in or not."""
    return JobPosting.objects.filter(status=Status.PUBLISHED, valid_through__gt=timezone.now())


def posting_get_for_viewer(viewer: Viewer | None, public_id: UUID | str) -> JobPosting:
    """A posting as this viewer may see it: live ones for everyone; others only for the
    employer's recruiters and reviewers. Anything else is a 404 (no existence leak)."""
    try:
        posting = (
            JobPosting.objects.select_related("employer", "practice_setting")
            .prefetch_related(
                Prefetch(
                    "credential_requirements",
                    queryset=PostingCredential.objects.select_related("credential"),
                ),
                "skills",
            )
            .get(public_id=public_id)
        )
    except (JobPosting.DoesNotExist, ValueError) as error:
        raise Http404("No such posting.") from error
    if posting.is_live or posting_access(viewer, posting).may_act:
        return posting
    raise Http404("No such posting.")


def posting_get_for_editor(viewer: Viewer | None, public_id: UUID | str) -> JobPosting:
    posting = posting_get_for_viewer(viewer, public_id)
    if not can_manage_employer(viewer, posting.employer):
        raise Http404("No such posting.")
    return posting
