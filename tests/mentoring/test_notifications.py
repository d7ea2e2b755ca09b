"""Mentoring news in community's in-app notifications (one bell, one settings page): requests
received and answered or expired, agreements proposed and accepted, check-ins scheduled and
due. Recorded after the commit, as each member chose per kind, and never emailed twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from tests.mentoring.factories import client_for, mentee, mentor, mentorship, offer_of

from rxguild.community.models import Notification
from rxguild.community.services.notifications import (
    notification_digest_send,
    notification_settings_update,
)
from rxguild.mentoring.models import CheckIn, MentorshipRequest
from rxguild.mentoring.services.agreements import (
    AgreementTerms,
    agreement_accept,
    agreement_propose,
)
from rxguild.mentoring.services.meetings import check_in_schedule, check_ins_remind
from rxguild.mentoring.services.mentorships import (
    mentorship_request_accept,
    mentorship_request_decline,
    mentorship_request_send,
    mentorship_requests_expire,
)

pytestmark = pytest.mark.django_db


def kinds_for(user) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("kind", "text")
    )


def test_a_request_received_and_accepted(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    request = run(mentorship_request_send, mentee=tomas, offer=offer_of(rosa))
    assert kinds_for(rosa) == [("mentoring_request", "Tomas asks you to be their mentor.")]
    assert Notification.objects.get(recipient=rosa).url == "/mentoring/requests/"
    run(mentorship_request_accept, request=request, actor=rosa)
    assert kinds_for(tomas) == [("mentoring_answer", "Rosa accepted your mentoring request.")]
    assert [m.to for m in mail.outbox] == [["rosa@example.org"], ["tomas@example.org"]]
    # Mentoring emailed at once: the digest has nothing more to send.
    assert notification_digest_send() == 0
    assert len(mail.outbox) == 2
    bell = client_for(rosa).get("/community/notifications/").content.decode()
    assert "Tomas asks you to be their mentor." in bell


def test_declined_and_expired_requests(run):
    rosa, omar, tomas = mentor("Rosa"), mentor("Omar"), mentee("Tomas")
    declined = run(mentorship_request_send, mentee=tomas, offer=offer_of(rosa))
    run(mentorship_request_decline, request=declined, actor=rosa)
    run(mentorship_request_send, mentee=tomas, offer=offer_of(omar))
    MentorshipRequest.objects.filter(mentor=omar).update(respond_by=timezone.now())
    assert run(mentorship_requests_expire) == 1
    assert kinds_for(tomas) == [
        ("mentoring_answer", "Rosa can't mentor you right now."),
        ("mentoring_answer", "Your mentoring request to Omar expired unanswered."),
    ]


def test_agreement_proposed_and_accepted(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)
    terms = AgreementTerms(
        goals="CSPT",
        cadence="weekly",
        meeting_minutes=30,
        end_date=timezone.localdate() + timedelta(days=30),
    )
    proposal = run(agreement_propose, mentorship=row, actor=tomas, terms=terms)
    run(agreement_accept, agreement=proposal, actor=rosa)
    assert kinds_for(rosa) == [("mentoring_agreement", "Tomas proposes your mentoring agreement.")]
    assert kinds_for(tomas) == [("mentoring_agreement", "Rosa accepted your mentoring agreement.")]


def test_check_ins_scheduled_then_due_once(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    row = mentorship(rosa, tomas)
    soon = timezone.now() + timedelta(hours=20)
    run(check_in_schedule, mentorship=row, actor=tomas, starts_at=soon)
    run(check_in_schedule, mentorship=row, actor=tomas, starts_at=soon + timedelta(days=5))
    assert [kind for kind, _ in kinds_for(rosa)] == ["mentoring_check_in", "mentoring_check_in"]
    assert run(check_ins_remind) == 1
    assert run(check_ins_remind) == 0
    assert kinds_for(tomas)[-1][0] == "mentoring_check_in"
    assert kinds_for(tomas)[-1][1].startswith("Mentoring check-in with Rosa on ")
    assert len(kinds_for(rosa)) == 3
    assert CheckIn.objects.filter(reminded_at__isnull=False).count() == 1


def test_each_channel_follows_the_members_settings(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")
    notification_settings_update(user=rosa, choices={"mentoring_request": (False, True)})
    run(mentorship_request_send, mentee=tomas, offer=offer_of(rosa))
    assert kinds_for(rosa) == []
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]

    sal = mentor("Sal")
    notification_settings_update(user=sal, choices={"mentoring_request": (True, False)})
    run(mentorship_request_send, mentee=tomas, offer=offer_of(sal))
    assert [kind for kind, _ in kinds_for(sal)] == ["mentoring_request"]
    assert len(mail.outbox) == 1


def test_nothing_is_told_when_the_change_rolls_back(run):
    rosa, tomas = mentor("Rosa"), mentee("Tomas")

    def send_then_fail() -> None:
        with transaction.atomic():
            mentorship_request_send(mentee=tomas, offer=offer_of(rosa))
            raise RuntimeError("the caller fails after the request")

    with pytest.raises(RuntimeError):
        run(send_then_fail)
    assert (MentorshipRequest.objects.count(), Notification.objects.count(), len(mail.outbox)) == (
        0,
        0,
        0,
    )
