"""Mentoring news that used to be email only, now in community's in-app notifications too:
a mentorship paused, ended or asked to close by the other member, the quiet nudge, a request
expired with the next bookmark offered, informational-interview requests and answers. After
the commit, as each member chose per kind, and never across a block."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from tests.mentoring.factories import (
    client_for,
    member,
    mentee,
    mentor,
    mentorship,
    offer_of,
    told,
)

from rxguild.community.models import Notification
from rxguild.community.services.connections import block_create
from rxguild.community.services.notifications import (
    notification_digest_send,
    notification_settings_update,
)
from rxguild.mentoring.models import InfoInterviewOffer, Mentorship, MentorshipRequest
from rxguild.mentoring.services.enrolment import mentee_wants_leave, mentor_offer_leave
from rxguild.mentoring.services.interviews import (
    info_offer_save,
    info_request_answer,
    info_request_send,
)
from rxguild.mentoring.services.meetings import mentorships_quiet_nudge
from rxguild.mentoring.services.mentorships import (
    bookmark_toggle,
    mentorship_close,
    mentorship_request_send,
    mentorship_requests_expire,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("outcome", "word"),
    [("paused", "paused"), ("completed", "completed"), ("withdrawn", "withdrawn")],
    ids=["paused", "completed", "withdrawn"],
)
def test_the_other_member_is_told_of_a_close(run, outcome, word):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)
    run(mentorship_close, mentorship=row, actor=rosa, outcome=outcome)
    url = f"/mentoring/mentorships/{row.pk}/"
    assert told(tomas) == [("mentoring_mentorship", f"Rosa marked your mentorship as {word}.", url)]
    assert told(rosa) == []
    assert [m.to for m in mail.outbox] == [["tomas@example.org"]]
    # Emailed at once by mentoring: the digest does not repeat it.
    assert notification_digest_send() == 0


def test_a_close_across_a_block_tells_nothing(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)
    block_create(actor=tomas, blocked=rosa)
    run(mentorship_close, mentorship=row, actor=rosa, outcome="withdrawn")
    assert Mentorship.objects.get().status == "withdrawn"
    assert (told(tomas), len(mail.outbox)) == ([], 0)


def test_a_mentor_leaving_asks_to_close_and_withdraws_requests_in_the_app(run):
    rosa, tomas, uma = mentor("Rosa"), mentee("Tomas"), mentee("Uma")
    row = mentorship(rosa, tomas)
    run(mentorship_request_send, mentee=uma, offer=offer_of(rosa))
    run(mentor_offer_leave, user=rosa)
    assert told(tomas) == [
        (
            "mentoring_mentorship",
            "Rosa left mentoring and asks to close your mentorship.",
            f"/mentoring/mentorships/{row.pk}/",
        )
    ]
    assert told(uma) == [
        (
            "mentoring_answer",
            "Rosa left mentoring: the request between you is withdrawn.",
            "/mentoring/",
        )
    ]


def test_a_mentee_leaving_tells_the_mentor_as_a_request(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    run(mentorship_request_send, mentee=tomas, offer=offer_of(rosa))
    run(mentee_wants_leave, user=tomas)
    assert [kind for kind, _, _ in told(rosa)] == ["mentoring_request", "mentoring_request"]
    assert told(rosa)[-1][1] == "Tomas left mentoring: the request between you is withdrawn."


def test_the_quiet_nudge_is_in_the_app_for_both_once(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)
    Mentorship.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(days=20))
    assert run(mentorships_quiet_nudge) == 1
    assert run(mentorships_quiet_nudge) == 0
    url = f"/mentoring/mentorships/{row.pk}/"
    assert told(rosa) == [
        ("mentoring_check_in", "No check-in with Tomas for two weeks: schedule one?", url)
    ]
    assert told(tomas) == [
        ("mentoring_check_in", "No check-in with Rosa for two weeks: schedule one?", url)
    ]


def test_the_quiet_nudge_skips_a_blocked_pair(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)
    Mentorship.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(days=20))
    block_create(actor=rosa, blocked=tomas)
    assert run(mentorships_quiet_nudge) == 1
    assert (Notification.objects.count(), len(mail.outbox)) == (0, 0)


def test_an_expired_request_offers_the_next_bookmark_not_a_blocked_one(run):
    omar, sal, vic, tomas = mentor("Omar"), mentor("Sal"), mentor("Vic"), mentee("Tomas")
    bookmark_toggle(mentee=tomas, offer=offer_of(vic))
    bookmark_toggle(mentee=tomas, offer=offer_of(sal))
    block_create(actor=vic, blocked=tomas)
    run(mentorship_request_send, mentee=tomas, offer=offer_of(omar))
    MentorshipRequest.objects.update(respond_by=timezone.now())
    assert run(mentorship_requests_expire) == 1
    assert told(tomas) == [
        (
            "mentoring_answer",
            "Your mentoring request to Omar expired unanswered. Next on your bookmarks: Sal.",
            "/mentoring/mentors/#bookmarks-h",
        )
    ]
    assert "Next on your bookmarks: Sal. Ask them from your list." in mail.outbox[-1].body


@pytest.fixture
def hana(db):
    user = member("Hana")
    info_offer_save(user=user, role_summary="ED medication history", contact="hana@work.org")
    return user


def _ask(run, asker, host):
    offer = InfoInterviewOffer.objects.get(user=host)
    return run(info_request_send, requester=asker, offer=offer, minutes=15, agenda="How?")


@pytest.mark.parametrize(
    ("answer", "extra", "text"),
    [
        ("accept", {}, "Hana accepted your informational interview request."),
        ("decline", {}, "Hana can't take your informational interview request."),
        (
            "propose",
            {"times": "Thu 3pm"},
            "Hana proposes other times for your informational interview. Times: Thu 3pm.",
        ),
    ],
    ids=["accept", "decline", "propose"],
)
def test_interview_request_and_answers_in_the_app(run, hana, answer, extra, text):
    ivan = member("Ivan")
    request = _ask(run, ivan, hana)
    assert told(hana) == [
        (
            "mentoring_interview",
            "Ivan asks for a 15-minute chat about your role.",
            "/mentoring/interviews/",
        )
    ]
    run(info_request_answer, request=request, actor=hana, answer=answer, **extra)
    assert told(ivan) == [("mentoring_interview", text, "/mentoring/interviews/")]
    # The host's contact is never in a notification.
    assert "hana@work.org" not in text
    assert [m.to for m in mail.outbox] == [["hana@example.org"], ["ivan@example.org"]]


def test_a_withdrawal_tells_the_host(run, hana):
    ivan = member("Ivan")
    request = _ask(run, ivan, hana)
    run(info_request_answer, request=request, actor=ivan, answer="withdraw")
    assert told(hana)[-1][:2] == (
        "mentoring_interview",
        "Ivan withdrew their informational interview request.",
    )
    assert told(ivan) == []


def test_interview_notices_follow_the_hosts_settings(run, hana):
    notification_settings_update(user=hana, choices={"mentoring_interview": (True, False)})
    _ask(run, member("Ivan"), hana)
    assert len(told(hana)) == 1
    assert mail.outbox == []
    bell = client_for(hana).get("/community/notifications/").content.decode()
    assert "Ivan asks for a 15-minute chat about your role." in bell


def test_an_answer_after_a_block_tells_nothing(run, hana):
    ivan = member("Ivan")
    request = _ask(run, ivan, hana)
    block_create(actor=ivan, blocked=hana)
    mail.outbox.clear()
    run(info_request_answer, request=request, actor=hana, answer="decline")
    assert (told(ivan), mail.outbox) == ([], [])


def test_nothing_is_told_when_the_close_rolls_back(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)

    def close_then_fail() -> None:
        with transaction.atomic():
            mentorship_close(mentorship=row, actor=rosa, outcome="paused")
            raise RuntimeError("the caller fails after the close")

    with pytest.raises(RuntimeError):
        run(close_then_fail)
    assert (Mentorship.objects.get().status, Notification.objects.count(), len(mail.outbox)) == (
        "active",
        0,
        0,
    )
