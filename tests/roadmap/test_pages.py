"""Roadmap pages: targets, the gap, steps marked done; others' targets are 404 and unchanged."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from rxguild.jobs.models import JobPosting
from rxguild.roadmap.models import StepDone, Target
from rxguild.roadmap.services import MAX_TARGETS, target_add

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    response = client.get(reverse("roadmap:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_nav_shows_roadmap(member_client):
    response = member_client.get(reverse("roadmap:home"))
    assert response.status_code == 200
    assert b'href="/roadmap/" aria-current="page">Roadmap</a>' in response.content


def test_add_a_credential_target_and_see_the_gap(member, member_client):
    response = member_client.post(reverse("roadmap:target_add"), {"code": "ptcb-cspt"})
    target = Target.objects.get(member=member)
    assert (target.kind, target.code) == ("credential", "ptcb-cspt")
    assert response["Location"] == reverse("roadmap:target", args=[target.pk])
    page = member_client.get(response["Location"]).content.decode()
    assert "PTCB Certified Compounded Sterile Preparation Technician (CSPT)" in page
    assert "You hold CPhT" in page
    assert "months in the last 8 years from your work history" in page
    assert "Apply for CSPT and pass the CSPT exam" in page
    assert "CSPT exam fee $149" in page
    assert 'href="https://ptcb.zendesk.com/hc/en-us/articles/115003215911' in page


def test_home_lists_targets_with_progress(member, member_client):
    target_add(member=member, code="ptcb-cspt")
    page = member_client.get(reverse("roadmap:home")).content.decode()
    assert "2 of 4 requirements met" in page
    assert "Partly met" in page


def test_low_confidence_target_says_confirm_with_the_board(member, member_client):
    target = target_add(member=member, code="ptcb-abc-mtm")
    page = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    assert "Confirm with the board" in page
    assert "confirm with the board" in page  # beside the unverified requirement itself


def test_unknown_code_changes_nothing(member, member_client):
    response = member_client.post(reverse("roadmap:target_add"), {"code": "no-such-thing"})
    assert response.status_code == 302
    assert Target.objects.filter(member=member).count() == 0


def test_adding_twice_keeps_one(member, member_client):
    for _ in range(2):
        member_client.post(reverse("roadmap:target_add"), {"code": "ptcb-cspt"})
    assert Target.objects.filter(member=member).count() == 1


def test_target_limit(member, member_client):
    from rxguild.roadmap.requirements import shipped_requirements

    codes = sorted(shipped_requirements().targets)[:MAX_TARGETS]
    for code in codes:
        target_add(member=member, code=code)
    extra = sorted(shipped_requirements().targets)[MAX_TARGETS]
    response = member_client.post(reverse("roadmap:target_add"), {"code": extra}, follow=True)
    assert f"You already have {MAX_TARGETS} targets" in response.content.decode()
    assert Target.objects.filter(member=member).count() == MAX_TARGETS


def test_other_members_target_is_404_and_unchanged(member, other_client):
    target = target_add(member=member, code="ptcb-cspt")
    assert other_client.get(reverse("roadmap:target", args=[target.pk])).status_code == 404
    assert other_client.post(reverse("roadmap:target_remove", args=[target.pk])).status_code == 404
    response = other_client.post(
        reverse("roadmap:step_done", args=[target.pk]),
        {"requirement_code": "cspt-exam", "done": "on"},
    )
    assert response.status_code == 404
    assert Target.objects.filter(pk=target.pk).exists()
    assert StepDone.objects.count() == 0


def test_mark_a_step_done_and_take_it_back(member, member_client):
    target = target_add(member=member, code="ptcb-cspt")
    url = reverse("roadmap:step_done", args=[target.pk])
    member_client.post(url, {"requirement_code": "cspt-exam", "done": "on"})
    step = StepDone.objects.get(member=member)
    assert (step.requirement_code, step.done_on) == ("cspt-exam", timezone.localdate())
    page = member_client.get(reverse("roadmap:target", args=[target.pk])).content.decode()
    assert "You marked this done on" in page
    member_client.post(url, {"requirement_code": "cspt-exam"})
    assert StepDone.objects.filter(member=member).count() == 0


def test_htmx_mark_done_returns_the_fragment(member, member_client):
    target = target_add(member=member, code="ptcb-cspt")
    response = member_client.post(
        reverse("roadmap:step_done", args=[target.pk]),
        {"requirement_code": "cspt-attestation", "done": "on"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Marked done." in body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"requirement_code": "active-cpht", "done": "on"}, "Add the credential to your profile"),
        ({"requirement_code": "made-up", "done": "on"}, "That is not a step on your roadmap."),
        ({"requirement_code": "cspt-exam", "done": "on", "done_on": "2999-01-01"}, "future"),
        ({"requirement_code": "cspt-exam", "done": "on", "done_on": "yesterday"}, "valid date"),
    ],
    ids=["credential", "unknown", "future", "bad-date"],
)
def test_bad_step_input_changes_nothing(member, member_client, fields, message):
    target = target_add(member=member, code="ptcb-cspt")
    response = member_client.post(
        reverse("roadmap:step_done", args=[target.pk]), fields, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert StepDone.objects.count() == 0


def test_aim_at_a_saved_posting(member, member_client, posting):
    from rxguild.tracker.services.applications import tracked_application_track_posting

    tracked_application_track_posting(member=member, posting=posting)
    home = member_client.get(reverse("roadmap:home")).content.decode()
    assert "Aim at this job" in home
    response = member_client.post(
        reverse("roadmap:target_add_posting"), {"posting": str(posting.public_id)}
    )
    target = Target.objects.get(member=member)
    assert target.posting == posting
    page = member_client.get(response["Location"]).content.decode()
    assert "IV Technician at" in page
    assert "CSPT (preferred)" in page
    assert "12 months of experience in hospital / health-system pharmacy" in page


def test_a_posting_the_member_cannot_see_is_404(member, member_client, posting):
    posting.status = JobPosting.Status.DRAFT
    posting.save()
    response = member_client.post(
        reverse("roadmap:target_add_posting"), {"posting": str(posting.public_id)}
    )
    assert response.status_code == 404
    assert Target.objects.count() == 0


def test_remove_a_target(member, member_client):
    target = target_add(member=member, code="ptcb-cspt")
    member_client.post(reverse("roadmap:target_remove", args=[target.pk]))
    assert Target.objects.filter(member=member).count() == 0


def test_home_query_count_does_not_grow_with_targets(
    member, member_client, posting, django_assert_num_queries
):
    from rxguild.roadmap.services import target_add_posting

    target_add(member=member, code="ptcb-cspt")
    member_client.get(reverse("roadmap:home"))  # warm the session and caches
    # 19: one of them reads the member's verified experience (the experience app), two the
    # profile's skills and the latest self-ratings.
    with django_assert_num_queries(19) as few:
        member_client.get(reverse("roadmap:home"))
    for code in (
        "ptcb-cpht-adv",
        "specialty-oncology",
        "nha-excpt",
        "state-ny-technician",
        "role-hospital-iv-room",
    ):
        target_add(member=member, code=code)
    target_add_posting(member=member, posting=posting)
    with django_assert_num_queries(len(few.captured_queries) + 1):  # +1: posting credentials
        member_client.get(reverse("roadmap:home"))
