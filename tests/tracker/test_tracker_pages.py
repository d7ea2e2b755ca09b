"""The member's board, outside jobs, notes, contacts: pages through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.tracker.models import ApplicationContact, ApplicationEvent, TrackedApplication
from rxguild.tracker.services.applications import tracked_application_add_external

pytestmark = pytest.mark.django_db


def external(member, title="Technician at Rivera Pharmacy", stage="saved"):
    return tracked_application_add_external(
        member=member, title=title, external_url="https://jobs.example.com/123", stage=stage
    )


def board_of(member):
    return list(
        TrackedApplication.objects.filter(member=member)
        .order_by("stage", "position")
        .values_list("title", "stage", "position")
    )


def test_board_requires_login(client):
    response = client.get(reverse("tracker:board"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_board_shows_every_column_and_only_my_cards(member, other_member, member_client):
    external(member, "My job")
    external(other_member, "Their secret job")
    response = member_client.get(reverse("tracker:board"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "My job" in html
    assert "Their secret job" not in html
    for label in ("Saved", "Applied", "Interviewing", "Offer", "Hired", "Rejected", "Withdrawn"):
        assert f'id="col-{label.lower()}">{label}' in html


def test_board_query_count_does_not_grow_with_cards(member, member_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    external(member, "Job 0")
    member_client.get(reverse("tracker:board"))  # first request records the user session
    with CaptureQueriesContext(connection) as one_card:
        member_client.get(reverse("tracker:board"))
    for number in range(1, 12):
        external(member, f"Job {number}")
    with CaptureQueriesContext(connection) as twelve_cards:
        response = member_client.get(reverse("tracker:board"))
    assert response.status_code == 200
    assert len(twelve_cards) == len(one_card)
    # session, user, allauth's user-session bookkeeping (4 with savepoints), the cards (one
    # joined query), the interview count
    assert len(twelve_cards) <= 9


def test_add_external_job(member, member_client):
    response = member_client.post(
        reverse("tracker:add_external"),
        {
            "title": "CPhT, Rivera Pharmacy",
            "organization": "Rivera Pharmacy",
            "external_url": "https://careers.example.com/cpht",
            "description": "Day shift, retail.",
            "stage": "applied",
        },
    )
    application = TrackedApplication.objects.get(member=member)
    assert response.status_code == 302
    assert response["Location"] == reverse("tracker:detail", args=[application.pk])
    assert (application.stage, application.external_url, application.is_external) == (
        "applied",
        "https://careers.example.com/cpht",
        True,
    )
    assert application.applied_on is not None


@pytest.mark.parametrize(
    ("url", "title", "message"),
    [
        pytest.param("javascript:alert(1)", "Job", "full web address", id="script-url"),
        pytest.param("jobs.example.com", "Job", "full web address", id="no-scheme"),
        pytest.param("https://jobs.example.com", "   ", "This field is required", id="blank-title"),
    ],
)
def test_add_external_job_bad_input_saves_nothing(member_client, url, title, message):
    response = member_client.post(
        reverse("tracker:add_external"),
        {"title": title, "external_url": url, "stage": "saved"},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert TrackedApplication.objects.count() == 0


def test_keyboard_moves_without_javascript(member, member_client):
    first, second = external(member, "First"), external(member, "Second")
    url = reverse("tracker:move", args=[second.pk])
    response = member_client.post(url, {"move": "up"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('tracker:board')}#card-{second.pk}"
    assert board_of(member) == [("Second", "saved", 0), ("First", "saved", 1)]
    member_client.post(url, {"move": "right"})
    assert board_of(member) == [("Second", "applied", 0), ("First", "saved", 0)]
    second.refresh_from_db()
    assert second.applied_on is not None
    assert list(second.events.values_list("summary", "shared")) == [
        ("Added to your tracker", False),
        ("Moved to Applied", False),
    ]
    assert first.pk  # untouched apart from its position


def test_htmx_move_returns_the_board_fragment_with_a_status(member, member_client):
    card = external(member, "Clinic tech")
    response = member_client.post(
        reverse("tracker:move", args=[card.pk]),
        {"stage": "interviewing"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="board"')
    assert "“Clinic tech” is in Interviewing." in html
    assert board_of(member) == [("Clinic tech", "interviewing", 0)]


def test_drop_places_card_at_index(member, member_client):
    a, b, c = (external(member, name, stage="offer") for name in ("A", "B", "C"))
    member_client.post(reverse("tracker:move", args=[c.pk]), {"stage": "offer", "index": 0})
    assert board_of(member) == [("C", "offer", 0), ("A", "offer", 1), ("B", "offer", 2)]
    assert (a.pk, b.pk) == (a.pk, b.pk)


def test_bad_move_changes_nothing(member, member_client):
    card = external(member)
    response = member_client.post(
        reverse("tracker:move", args=[card.pk]),
        {"stage": "teleported"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "That move was not understood" in response.content.decode()
    assert board_of(member) == [("Technician at Rivera Pharmacy", "saved", 0)]


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        pytest.param("get", "tracker:detail", {}, id="detail"),
        pytest.param("post", "tracker:detail", {"notes": "mine now"}, id="edit"),
        pytest.param("post", "tracker:move", {"move": "right"}, id="move"),
        pytest.param("post", "tracker:delete", {}, id="delete"),
        pytest.param("post", "tracker:contact_add", {"name": "Eve"}, id="add-contact"),
    ],
)
def test_another_member_gets_404_and_nothing_changes(member, other_client, method, name, data):
    card = external(member)
    card.notes = "private"
    card.save()
    response = getattr(other_client, method)(reverse(name, args=[card.pk]), data)
    assert response.status_code == 404
    card.refresh_from_db()
    assert (card.stage, card.position, card.notes) == ("saved", 0, "private")
    assert ApplicationContact.objects.count() == 0
    assert ApplicationEvent.objects.count() == 1


def test_notes_dates_and_contacts(member, member_client):
    card = external(member)
    url = reverse("tracker:detail", args=[card.pk])
    response = member_client.post(
        url,
        {"notes": "Asked about nights.", "applied_on": "2026-11-20", "follow_up_on": "2026-12-01"},
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.notes, str(card.applied_on), str(card.follow_up_on)) == (
        "Asked about nights.",
        "2026-11-20",
        "2026-12-01",
    )
    member_client.post(
        reverse("tracker:contact_add", args=[card.pk]),
        {"name": "Dana Lee", "role": "Pharmacy manager", "email": "dana@example.com"},
    )
    contact = ApplicationContact.objects.get()
    page = member_client.get(url).content.decode()
    assert "Dana Lee" in page
    assert "Asked about nights." in page
    member_client.post(reverse("tracker:contact_delete", args=[contact.pk]))
    assert ApplicationContact.objects.count() == 0


def test_bad_contact_email_saves_nothing(member, member_client):
    card = external(member)
    member_client.post(
        reverse("tracker:contact_add", args=[card.pk]), {"name": "Dana", "email": "nope"}
    )
    assert ApplicationContact.objects.count() == 0


def test_delete_external_card(member, member_client):
    card = external(member)
    response = member_client.post(reverse("tracker:delete", args=[card.pk]))
    assert response.status_code == 302
    assert TrackedApplication.objects.count() == 0


def test_track_an_rxguild_posting_is_idempotent(member, member_client, posting):
    url = reverse("tracker:track_posting", args=[posting.public_id])
    member_client.post(url)
    member_client.post(url)
    assert board_of(member) == [("Inpatient Pharmacy Technician", "saved", 0)]
    card = TrackedApplication.objects.get()
    assert (card.organization, card.location, card.posting_id) == (
        "Lone Star Health",
        "Austin, TX",
        posting.pk,
    )


def test_job_page_offers_apply_and_track(member_client, posting):
    html = member_client.get(reverse("jobs:detail", args=[posting.public_id])).content.decode()
    assert reverse("tracker:apply", args=[posting.public_id]) in html
    assert reverse("tracker:track_posting", args=[posting.public_id]) in html


def test_search_page_offers_save_this_search(member_client):
    html = member_client.get(reverse("jobs:search") + "?q=cpht&zip=78701").content.decode()
    assert 'name="q" value="q=cpht&amp;zip=78701"' in html
    assert "Save this search" in html


def test_dashboard_shows_due_follow_ups_and_employer_news(member, member_client):
    from django.utils import timezone

    card = external(member, "Clinic tech")
    card.follow_up_on = timezone.localdate()
    card.save()
    ApplicationEvent.objects.create(
        application=card,
        kind=ApplicationEvent.Kind.EMPLOYER_STAGE,
        summary="Clinic set your application to “Interview”",
        shared=True,
    )
    html = member_client.get(reverse("core:dashboard")).content.decode()
    assert "Follow up: Clinic tech" in html
    assert "Clinic set your application to “Interview”" in html
