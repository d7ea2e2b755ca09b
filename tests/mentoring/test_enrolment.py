"""Enrolling as a mentor or mentee, editing, pausing and leaving: pages and services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor, mentorship, offer_of

from rxguild.mentoring.models import MenteeWants, MentorOffer, Mentorship, MentorshipRequest

pytestmark = pytest.mark.django_db


def test_home_requires_sign_in(client):
    response = client.get("/mentoring/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_home_offers_both_enrolments_to_a_new_member():
    page = client_for(member("Ana")).get("/mentoring/").content.decode()
    assert "Find a mentor" in page
    assert "Become a mentor" in page
    assert "No mentorships yet." in page


def test_enrol_as_mentor_through_the_page(catalog):
    user = member("Bea")
    response = client_for(user).post(
        "/mentoring/mentor/",
        {
            "specialties": ["sterile-compounding"],
            "practice_settings": ["hospital-health-system"],
            "topics": ["cspt", "moving-to-hospital"],
            "states": ["TX", "OK"],
            "languages": ["en", "es"],
            "time_zone": "America/Chicago",
            "formats": ["video", "in_person"],
            "in_person_miles": "25",
            "capacity": "3",
            "about": "Ten years in IV rooms.",
        },
    )
    assert response.status_code == 302
    offer = offer_of(user)
    assert [s.code for s in offer.specialties.all()] == ["sterile-compounding"]
    assert [s.code for s in offer.practice_settings.all()] == ["hospital-health-system"]
    assert (offer.topics, offer.states, offer.languages) == (
        ["cspt", "moving-to-hospital"],
        ["TX", "OK"],
        ["en", "es"],
    )
    assert (offer.formats, offer.in_person_miles, offer.capacity, offer.paused) == (
        ["video", "in_person"],
        25,
        3,
        False,
    )
    home = client_for(user).get("/mentoring/").content.decode()
    assert "Taking requests: 3 of 3 seats free." in home


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"formats": []}, "formats", "This field is required."),
        ({"capacity": "0"}, "capacity", "Ensure this value is greater than or equal to 1."),
        (
            {"formats": ["in_person"]},
            "in_person_miles",
            "Say how far you would travel to meet in person (1 to 500 miles).",
        ),
        ({"topics": []}, "topics", "Choose at least one topic or specialty you can help with."),
        (
            {"available_from": "2027-02-01", "available_until": "2027-01-01"},
            "available_until",
            "The end of your availability is before its start.",
        ),
        (
            {"time_zone": "Mars/Olympus"},
            "time_zone",
            "Select a valid choice. Mars/Olympus is not one of the available choices.",
        ),
    ],
    ids=[
        "no-format",
        "zero-capacity",
        "in-person-without-miles",
        "nothing-to-offer",
        "window-backwards",
        "unknown-time-zone",
    ],
)
def test_bad_mentor_offer_is_refused_and_nothing_saved(catalog, changes, field, message):
    user = member("Cal")
    data = {"topics": ["first-job"], "formats": ["video"], "capacity": "1"}
    data.update(changes)
    response = client_for(user).post("/mentoring/mentor/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert MentorOffer.objects.filter(user=user).count() == 0


def test_edit_keeps_one_offer_and_prefills_the_form(catalog):
    user = mentor("Dee", capacity=2)
    client = client_for(user)
    page = client.get("/mentoring/mentor/")
    assert page.context["form"].initial["capacity"] == 2
    client.post(
        "/mentoring/mentor/", {"topics": ["leadership"], "formats": ["phone"], "capacity": "4"}
    )
    assert MentorOffer.objects.filter(user=user).count() == 1
    assert (offer_of(user).topics, offer_of(user).capacity) == (["leadership"], 4)


def test_pause_and_resume(catalog):
    user = mentor("Eve")
    client = client_for(user)
    client.post("/mentoring/mentor/pause/", {"paused": "1"})
    assert offer_of(user).paused is True
    assert "Paused" in client.get("/mentoring/").content.decode()
    client.post("/mentoring/mentor/pause/", {"paused": "0"})
    assert offer_of(user).paused is False


def test_pause_without_an_offer_changes_nothing():
    user = member("Fay")
    response = client_for(user).post("/mentoring/mentor/pause/", {"paused": "1"})
    assert response.status_code == 302
    assert MentorOffer.objects.count() == 0


def test_enrol_as_mentee_through_the_page(catalog):
    user = member("Gus")
    response = client_for(user).post(
        "/mentoring/mentee/",
        {
            "target_credential": "ptcb-cspt",
            "specialties": ["sterile-compounding"],
            "topics": ["cspt"],
            "languages": ["es"],
            "outside_employer": "on",
            "goal": "Move into the IV room within a year.",
        },
    )
    assert response.status_code == 302
    wants = MenteeWants.objects.get(user=user)
    assert wants.target_credential is not None
    assert wants.target_credential.code == "ptcb-cspt"
    assert (wants.topics, wants.languages, wants.outside_employer, wants.same_state) == (
        ["cspt"],
        ["es"],
        True,
        False,
    )


def test_mentee_must_say_what_they_want(catalog):
    user = member("Hal")
    response = client_for(user).post("/mentoring/mentee/", {"goal": "Anything"})
    assert response.status_code == 200
    assert response.context["form"].errors["topics"] == [
        "Say what you want help with: a credential, a specialty, a setting or a topic."
    ]
    assert MenteeWants.objects.count() == 0


def test_same_state_needs_a_state_on_the_profile(catalog):
    user = member("Ivy", state="")
    response = client_for(user).post("/mentoring/mentee/", {"topics": ["cspt"], "same_state": "on"})
    assert response.context["form"].errors["same_state"] == [
        "Add your state to your profile first, then ask for it."
    ]
    assert MenteeWants.objects.count() == 0


def test_leaving_as_mentor_asks_open_mentorships_to_close_and_withdraws_requests(
    catalog, django_capture_on_commit_callbacks
):
    mentor_user = mentor("Jo")
    current = mentee("Kim")
    waiting = mentee("Lee")
    open_one = mentorship(mentor_user, current)
    MentorshipRequest.objects.create(
        mentee=waiting, mentor=mentor_user, respond_by=timezone.now() + timedelta(days=7)
    )
    client = client_for(mentor_user)
    confirm = client.get("/mentoring/mentor/leave/").content.decode()
    assert "1 pending request will be withdrawn" in confirm
    assert "1 open mentorship will be asked to close" in confirm

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mentoring/mentor/leave/")
    assert response.status_code == 302
    assert MentorOffer.objects.filter(user=mentor_user).count() == 0
    open_one.refresh_from_db()
    assert open_one.status == Mentorship.Status.ACTIVE  # nothing ends silently
    assert open_one.close_requested_by == mentor_user
    request = MentorshipRequest.objects.get(mentee=waiting)
    assert request.status == MentorshipRequest.Status.WITHDRAWN
    assert request.response_note == "Jo left mentoring as a mentor."
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@example.org", "lee@example.org"]
    assert "asks to close your mentorship" in next(
        m.body for m in mail.outbox if m.to == ["kim@example.org"]
    )
    home = client_for(current).get("/mentoring/").content.decode()
    assert "Asked to close" in home


def test_leaving_as_mentee_keeps_the_mentor_enrolment(catalog, django_capture_on_commit_callbacks):
    user = mentor("Max")
    client = client_for(user)
    client.post("/mentoring/mentee/", {"topics": ["leadership"]})
    other_mentor = mentor("Ned")
    open_one = mentorship(other_mentor, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mentoring/mentee/leave/")
    assert MenteeWants.objects.filter(user=user).count() == 0
    assert MentorOffer.objects.filter(user=user).count() == 1
    open_one.refresh_from_db()
    assert (open_one.status, open_one.close_requested_by) == (Mentorship.Status.ACTIVE, user)
    assert [m.to for m in mail.outbox] == [["ned@example.org"]]


def test_leave_is_a_post(catalog):
    user = mentor("Oz")
    client_for(user).get("/mentoring/mentor/leave/")
    assert MentorOffer.objects.filter(user=user).count() == 1


def test_home_page_query_count_does_not_grow(catalog, django_assert_num_queries):
    mentor_user = mentor("Pam", capacity=5)
    for name in ("Quin", "Rae", "Sol"):
        mentorship(mentor_user, mentee(name))
    client = client_for(mentor_user)
    client.get("/mentoring/")  # warm the session
    # 7 for the session and user, 4 for the page (selectors.mentoring_overview).
    with django_assert_num_queries(11):
        client.get("/mentoring/")
