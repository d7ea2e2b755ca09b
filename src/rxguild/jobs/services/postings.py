"""Operations that change postings. Views, the API, imports and commands all call these;
each is one transaction and refreshes the search index explicitly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.viewer import Viewer, signed_in_member
from rxguild.catalog.models import Credential, Skill
from rxguild.core.ratelimit import rate_limit_check
from rxguild.jobs.access import (
    CLOSE_FROM,
    EDIT_FROM,
    PUBLISH_FROM,
    REVERIFY_FROM,
    SEND_BACK_FROM,
    SUBMIT_FROM,
    can_review_postings,
    posting_access,
)
from rxguild.jobs.models import DEFAULT_VALIDITY, Employer, JobPosting, PostingCredential
from rxguild.jobs.search import get_backend
from rxguild.jobs.services.employers import require_manager
from rxguild.jobs.services.validation import PostingClean, PostingInput, posting_input_validate

POSTING_RATE_LIMIT = 30  # new postings per employer member per hour
POSTING_RATE_WINDOW = 3600


def search_document_for(
    posting: JobPosting, skills: Iterable[Skill], credentials: Iterable[Credential]
) -> str:
    """Everything a member might type to find this posting, besides the title."""
    parts = [posting.employer.name, posting.city, posting.state]
    if posting.practice_setting is not None:
        parts.append(posting.practice_setting.name)
    parts += [skill.name for skill in skills]
    parts += [f"{c.abbreviation} {c.name}" for c in credentials]
    parts.append(posting.description)
    return "\n".join(p for p in parts if p)


def posting_apply(posting: JobPosting, clean: PostingClean) -> None:
    for name, value in clean.values.items():
        setattr(posting, name, value)
    posting.full_clean(exclude=["search_document", "search_vector", "created_by", "reviewed_by"])
    posting.save()
    PostingCredential.objects.filter(posting=posting).delete()
    PostingCredential.objects.bulk_create(
        [PostingCredential(posting=posting, credential=c, required=True) for c in clean.required]
        + [
            PostingCredential(posting=posting, credential=c, required=False)
            for c in clean.preferred
        ]
    )
    posting.skills.set(clean.skills)
    posting.search_document = search_document_for(
        posting, clean.skills, [*clean.required, *clean.preferred]
    )
    posting.save(update_fields=["search_document"])


def job_posting_create(
    *, employer: Employer, author: Viewer, data: PostingInput, rate_limit: bool = True
) -> JobPosting:
    """A new draft. Recruiters are rate limited: a flood of postings is spam, not hiring."""
    require_manager(author, employer)
    clean = posting_input_validate(data)
    if rate_limit:
        rate_limit_check(
            key=f"jobs:post:{author.pk}",
            limit=POSTING_RATE_LIMIT,
            window_seconds=POSTING_RATE_WINDOW,
            action="created postings",
        )
    with transaction.atomic():
        posting = JobPosting(employer=employer, created_by=signed_in_member(author))
        posting_apply(posting, clean)
    return posting


def job_posting_update(*, posting: JobPosting, editor: Viewer, data: PostingInput) -> JobPosting:
    require_manager(editor, posting.employer)
    if posting.status not in EDIT_FROM:
        raise ValidationError("A filled or withdrawn posting can't be edited; post a new one.")
    clean = posting_input_validate(data)
    with transaction.atomic():
        posting_apply(posting, clean)
        # A published posting that changes goes back through review unless staff edited it.
        if posting.status == JobPosting.Status.PUBLISHED and not can_review_postings(editor):
            posting.status = JobPosting.Status.IN_REVIEW
            posting.save(update_fields=["status"])
        get_backend().refresh([posting.pk])
    return posting


def _transition(posting: JobPosting, allowed_from: frozenset[str], to: str, verb: str) -> None:
    if posting.status not in allowed_from:
        raise ValidationError(
            f"A posting that is {posting.get_status_display().lower()} can't be {verb}."
        )
    posting.status = to


def job_posting_submit(*, posting: JobPosting, actor: Viewer) -> JobPosting:
    """Send a draft for review (staff and moderators publish their own directly)."""
    require_manager(actor, posting.employer)
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        _transition(posting, SUBMIT_FROM, JobPosting.Status.IN_REVIEW, "submitted")
        posting.save(update_fields=["status", "updated_at"])
    return posting


def job_posting_review(
    *, posting: JobPosting, reviewer: Viewer, approve: bool, note: str = ""
) -> JobPosting:
    """Staff or a moderator publishes a posting in review, or sends it back with a note."""
    if not can_review_postings(reviewer):
        raise PermissionDenied("Only staff or moderators review postings.")
    now = timezone.now()
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if approve:
            _transition(posting, PUBLISH_FROM, JobPosting.Status.PUBLISHED, "published")
            if posting.valid_through <= now:
                raise ValidationError("The closing date has passed; edit it before publishing.")
            posting.date_posted = posting.date_posted or now
            posting.last_verified_at = now
        else:
            if not note.strip():
                raise ValidationError({"note": ["Say what needs to change."]})
            _transition(posting, SEND_BACK_FROM, JobPosting.Status.DRAFT, "sent back")
        posting.reviewed_by = signed_in_member(reviewer)
        posting.review_note = note.strip()[:500]
        posting.save()
        get_backend().refresh([posting.pk])
    return posting


def job_posting_close(*, posting: JobPosting, actor: Viewer, status: str) -> JobPosting:
    """Mark a posting filled or withdrawn: it leaves search at once."""
    if status not in {JobPosting.Status.FILLED, JobPosting.Status.WITHDRAWN}:
        raise ValidationError("A posting closes as filled or withdrawn.")
    if not posting_access(actor, posting).may_act:
        raise PermissionDenied("Only this employer's recruiters or staff can close it.")
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        _transition(posting, CLOSE_FROM, status, "closed")
        posting.save(update_fields=["status", "updated_at"])
        get_backend().refresh([posting.pk])
    return posting


def job_posting_reverify(*, posting: JobPosting, actor: Viewer) -> JobPosting:
    """The recruiter confirms the job is still open: another 30 days from today."""
    require_manager(actor, posting.employer)
    now = timezone.now()
    with transaction.atomic():
        posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if posting.status not in REVERIFY_FROM:
            raise ValidationError("Only published or expired postings can be re-verified.")
        posting.status = JobPosting.Status.PUBLISHED
        posting.last_verified_at = now
        posting.valid_through = now + DEFAULT_VALIDITY
        posting.save(update_fields=["status", "last_verified_at", "valid_through", "updated_at"])
        get_backend().refresh([posting.pk])
    return posting


def job_postings_expire_due(*, now: datetime | None = None) -> int:
    """Expire published postings past validThrough. Idempotent: a second run finds none."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            JobPosting.objects.select_for_update()
            .filter(status=JobPosting.Status.PUBLISHED, valid_through__lte=now)
            .values_list("pk", flat=True)
        )
        if due:
            JobPosting.objects.filter(pk__in=due).update(
                status=JobPosting.Status.EXPIRED, updated_at=now
            )
            get_backend().refresh(due)
    return len(due)


def job_postings_reindex(*, posting_ids: Sequence[int] | None = None) -> None:
    """Rebuild the search index (after bulk loads that bypass the per-posting services)."""
    with transaction.atomic():
        if posting_ids is None:
            get_backend().rebuild()
        else:
            get_backend().refresh(posting_ids)
