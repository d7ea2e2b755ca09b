"""jobs.access: the page's buttons (PostingAccess) match what the services allow, for every
state a posting can be in and every kind of viewer; a denied action changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from tests.jobs.factories import EmployerFactory, posting_input, recruiter_for, staff_user

from rxguild.jobs import services
from rxguild.jobs.access import posting_access
from rxguild.jobs.models import JobPosting

pytestmark = pytest.mark.django_db

Status = JobPosting.Status
STATUSES = [s.value for s in Status]
ACTORS = ["recruiter", "outsider", "staff"]


def _posting_in(status: str, employer, recruiter) -> JobPosting:
    posting = services.job_posting_create(employer=employer, author=recruiter, data=posting_input())
    JobPosting.objects.filter(pk=posting.pk).update(status=status)
    posting.refresh_from_db()
    return posting


def _actor(kind: str, employer, recruiter):
    if kind == "recruiter":
        return recruiter
    if kind == "staff":
        return staff_user()
    return recruiter_for(EmployerFactory())


ACTIONS = {
    "may_submit": lambda posting, actor: services.job_posting_submit(posting=posting, actor=actor),
    "may_reverify": lambda posting, actor: services.job_posting_reverify(
        posting=posting, actor=actor
    ),
    "may_close": lambda posting, actor: services.job_posting_close(
        posting=posting, actor=actor, status=Status.FILLED
    ),
    "may_review_now": lambda posting, actor: services.job_posting_review(
        posting=posting, reviewer=actor, approve=True
    ),
    "may_edit": lambda posting, actor: services.job_posting_update(
        posting=posting, editor=actor, data=posting_input(title="Edited title")
    ),
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("actor_kind", ACTORS)
@pytest.mark.parametrize("flag", sorted(ACTIONS))
def test_a_button_shows_exactly_when_its_action_succeeds(
    catalog, employer, recruiter, status, actor_kind, flag
):
    posting = _posting_in(status, employer, recruiter)
    actor = _actor(actor_kind, employer, recruiter)
    shown = getattr(posting_access(actor, posting), flag)
    before = JobPosting.objects.values("status", "title", "valid_through").get(pk=posting.pk)
    try:
        ACTIONS[flag](posting, actor)
        succeeded = True
    except (PermissionDenied, ValidationError):
        succeeded = False
    assert succeeded == shown
    if not succeeded:
        after = JobPosting.objects.values("status", "title", "valid_through").get(pk=posting.pk)
        assert after == before


def test_a_draft_is_a_404_for_everyone_but_its_managers_and_reviewers(
    client, catalog, employer, recruiter
):
    posting = _posting_in(Status.DRAFT, employer, recruiter)
    url = reverse("jobs:detail", args=[posting.public_id])
    assert client.get(url).status_code == 404
    client.force_login(recruiter_for(EmployerFactory()))
    assert client.get(url).status_code == 404
    client.force_login(recruiter)
    page = client.get(url).content.decode()
    assert "Send for review" in page and "Save review" not in page
    client.force_login(staff_user())
    page = client.get(url).content.decode()
    assert "Send for review" in page and "Save review" in page
