# ruff: noqa: E501 - the rule table reads best one case per line
"""Posting workflow, permissions and bad input, through the services and the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from tests.jobs.factories import (
    EmployerFactory,
    UserFactory,
    posting_input,
    publish,
    recruiter_for,
    staff_user,
)

from rxguild.core.ratelimit import RateLimited
from rxguild.jobs import services
from rxguild.jobs.models import JobPosting, PostingCredential


def test_recruiter_posts_and_staff_publishes(catalog, employer, recruiter):
    posting = services.job_posting_create(
        employer=employer,
        author=recruiter,
        data=posting_input(required_credentials=["ptcb-cpht", "state-tx-technician"]),
    )
    assert posting.status == JobPosting.Status.DRAFT
    assert (posting.city, posting.state, posting.geo_cell is not None) == ("Houston", "TX", True)
    services.job_posting_submit(posting=posting, actor=recruiter)
    reviewer = staff_user()
    posting = services.job_posting_review(posting=posting, reviewer=reviewer, approve=True)
    assert posting.status == JobPosting.Status.PUBLISHED
    assert posting.date_posted is not None
    assert posting.last_verified_at == posting.date_posted
    assert sorted(
        PostingCredential.objects.filter(posting=posting).values_list("credential__code", flat=True)
    ) == ["ptcb-cpht", "state-tx-technician"]


def test_sending_back_needs_a_note(catalog, employer, recruiter):
    posting = services.job_posting_create(employer=employer, author=recruiter, data=posting_input())
    services.job_posting_submit(posting=posting, actor=recruiter)
    with pytest.raises(ValidationError) as error:
        services.job_posting_review(posting=posting, reviewer=staff_user(), approve=False)
    assert error.value.message_dict == {"note": ["Say what needs to change."]}
    posting = services.job_posting_review(
        posting=posting, reviewer=staff_user(), approve=False, note="Add the pay range."
    )
    assert (posting.status, posting.review_note) == (JobPosting.Status.DRAFT, "Add the pay range.")


def test_members_cannot_review_or_manage_other_employers(catalog, employer, recruiter):
    posting = services.job_posting_create(employer=employer, author=recruiter, data=posting_input())
    outsider = recruiter_for(EmployerFactory())
    with pytest.raises(PermissionDenied):
        services.job_posting_review(posting=posting, reviewer=recruiter, approve=True)
    with pytest.raises(PermissionDenied):
        services.job_posting_update(posting=posting, editor=outsider, data=posting_input(title="X"))
    with pytest.raises(PermissionDenied):
        services.job_posting_create(employer=employer, author=outsider, data=posting_input())
    posting.refresh_from_db()
    assert (posting.status, posting.title) == (JobPosting.Status.DRAFT, "Pharmacy Technician")
    assert JobPosting.objects.count() == 1


def test_editing_a_published_posting_sends_it_back_to_review(catalog, employer, recruiter):
    posting = publish(employer)
    services.job_posting_update(
        posting=posting, editor=recruiter, data=posting_input(title="Lead Technician")
    )
    posting.refresh_from_db()
    assert (posting.title, posting.status) == ("Lead Technician", JobPosting.Status.IN_REVIEW)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"title": ""}, {"title": ["A title is required."]}),
        ({"zip_code": "99999"}, {"zip_code": ["We don't know ZIP code 99999. Check it, or try a nearby one."]}),
        ({"zip_code": "77030", "state": "CA"}, {"state": ["ZIP 77030 is in TX, not CA."]}),
        ({"zip_code": ""}, {"zip_code": ["On-site and hybrid postings need the workplace's ZIP code (or its city and state)."]}),
        ({"pay_min": "2000", "pay_max": None}, {"pay_min": ["Pay of $2,000.00 per hour looks wrong: expected $7.25 to $150."]}),
        ({"pay_min": "30", "pay_max": "20"}, {"pay_max": ["The maximum pay must not be below the minimum."]}),
        ({"pay_min": "abc"}, {"pay_min": ["Minimum pay must be a number."]}),
        ({"pay_unit": ""}, {"pay_unit": ["Say whether the pay is per HOUR or per YEAR."]}),
        ({"pay_min": "25", "pay_max": "30", "pay_unit": "YEAR"},
         {"pay_min": ["Pay of $25.00 per year looks wrong: expected $15,000 to $300,000."],
          "pay_max": ["Pay of $30.00 per year looks wrong: expected $15,000 to $300,000."]}),
        ({"valid_through": timezone.now() - timedelta(days=1)}, {"valid_through": ["The closing date has already passed."]}),
        ({"valid_through": timezone.now() + timedelta(days=400)}, {"valid_through": ["Postings can run at most 180 days; re-verify to extend."]}),
        ({"required_credentials": ["ptcb-xyz"]}, {"credentials": ["Unknown credential “ptcb-xyz”."]}),
        ({"employment_type": "SOMETIMES"}, {"employment_type": ["Employment type must be one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, PER_DIEM, INTERN."]}),
        ({"experience_months": 900}, {"experience_months": ["Experience must be between 0 and 600 months."]}),
    ],
    ids=["no-title", "unknown-zip", "zip-state", "no-zip", "absurd-hourly", "min-above-max",
         "not-a-number", "no-unit", "yearly-too-low", "expired", "too-long", "unknown-credential",
         "bad-type", "experience"],
)  # fmt: skip
def test_bad_input_is_refused_with_clear_messages_and_nothing_saved(
    catalog, employer, recruiter, overrides, errors
):
    with pytest.raises(ValidationError) as error:
        services.job_posting_create(
            employer=employer, author=recruiter, data=posting_input(**overrides)
        )
    assert error.value.message_dict == errors
    assert JobPosting.objects.count() == 0
    assert PostingCredential.objects.count() == 0


def test_posting_is_rate_limited(catalog, employer, recruiter, monkeypatch):
    monkeypatch.setattr(services.postings, "POSTING_RATE_LIMIT", 2)
    for _ in range(2):
        services.job_posting_create(employer=employer, author=recruiter, data=posting_input())
    with pytest.raises(RateLimited, match="You have created postings too often"):
        services.job_posting_create(employer=employer, author=recruiter, data=posting_input())
    assert JobPosting.objects.count() == 2


def test_expire_command_is_idempotent_and_reverify_extends(catalog, employer, recruiter):
    posting = publish(employer)
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_through=timezone.now() - timedelta(minutes=1)
    )
    call_command("expire_jobs", stdout=(out := __import__("io").StringIO()))
    call_command("expire_jobs", stdout=(again := __import__("io").StringIO()))
    assert (out.getvalue(), again.getvalue()) == ("Expired 1 posting.\n", "Expired 0 postings.\n")
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.EXPIRED
    services.job_posting_reverify(posting=posting, actor=recruiter)
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PUBLISHED
    assert posting.valid_through > timezone.now() + timedelta(days=29)


def test_close_as_filled_and_no_edits_after(catalog, employer, recruiter):
    posting = publish(employer)
    services.job_posting_close(posting=posting, actor=recruiter, status="filled")
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.FILLED
    with pytest.raises(ValidationError, match="can't be edited"):
        services.job_posting_update(posting=posting, editor=recruiter, data=posting_input())


def test_recruiter_pages_create_and_submit(client, catalog, employer, recruiter):
    client.force_login(recruiter)
    response = client.post(
        f"/jobs/employer/{employer.slug}/new/",
        {
            "title": "CPhT for Texas", "kind": "job", "employment_type": "FULL_TIME",
            "description": "Requires **CPhT**.", "experience_months": "0",
            "location_type": "on_site", "zip_code": "77030", "pay_min": "20", "pay_max": "25",
            "pay_unit": "HOUR", "required_credentials": ["ptcb-cpht", "state-tx-technician"],
            "submit_for_review": "1",
        },
    )  # fmt: skip
    posting = JobPosting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{posting.public_id}/"
    assert posting.status == JobPosting.Status.IN_REVIEW
    # Not live yet: the public (and other members) can't see it.
    client.logout()
    assert client.get(f"/jobs/{posting.public_id}/").status_code == 404


def test_recruiter_form_shows_errors_and_saves_nothing(client, catalog, employer, recruiter):
    client.force_login(recruiter)
    response = client.post(
        f"/jobs/employer/{employer.slug}/new/",
        {"title": "X", "kind": "job", "employment_type": "FULL_TIME", "description": "d",
         "experience_months": "0", "location_type": "on_site", "zip_code": "00000"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "zip_code": ["We don't know ZIP code 00000. Check it, or try a nearby one."]
    }
    assert JobPosting.objects.count() == 0


def test_other_employers_pages_are_not_found(client, catalog, employer):
    outsider = recruiter_for(EmployerFactory())
    posting = services.job_posting_create(
        employer=employer, author=recruiter_for(employer), data=posting_input()
    )
    client.force_login(outsider)
    assert client.get(f"/jobs/employer/{employer.slug}/new/").status_code == 404
    assert client.get(f"/jobs/{posting.public_id}/edit/").status_code == 404
    assert client.post(f"/jobs/{posting.public_id}/withdrawn/").status_code == 404
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.DRAFT


def test_review_queue_is_for_staff_and_moderators(client, catalog, employer, recruiter):
    posting = services.job_posting_create(employer=employer, author=recruiter, data=posting_input())
    services.job_posting_submit(posting=posting, actor=recruiter)
    client.force_login(recruiter)
    assert client.get("/jobs/review/").status_code == 403
    client.force_login(staff_user())
    response = client.get("/jobs/review/")
    assert [p.pk for p in response.context["postings"]] == [posting.pk]
    response = client.post(f"/jobs/{posting.public_id}/review/", {"decision": "approve"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PUBLISHED


def test_member_without_employer_cannot_open_recruiter_home(client, db):
    client.force_login(UserFactory())
    assert client.get("/jobs/employer/").status_code == 403
