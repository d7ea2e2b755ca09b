"""Sending one person a fresh feedback link: the old link stops working, the new one is signed,
single-use and expiring like the first; refusals change nothing and send nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from rxguild.core.ratelimit import RateLimited
from rxguild.growth.models import FeedbackAnswer, FeedbackInvite, FeedbackRequest
from rxguild.growth.services import (
    Recipient,
    feedback_decline,
    feedback_invite_resend,
    feedback_request_create,
    feedback_request_withdraw,
)

pytestmark = pytest.mark.django_db


def _ask(member, frameworks, emails):
    return feedback_request_create(
        member=member,
        framework=frameworks["ptce"],
        competency_codes=["ptce-med-nti"],
        recipients=[Recipient(email=e, relationship="preceptor", name="Lee") for e in emails],
    )


def _links(message) -> str:
    match = re.search(r"http://127\.0\.0\.1:8000(/growth/feedback/answer/[^/\s]+/)", message.body)
    assert match
    return match.group(1)


def _snapshot(invite: FeedbackInvite) -> tuple:
    invite.refresh_from_db()
    return (invite.link_digest, invite.sent_at, invite.resent_count, invite.link_used_at)


def test_resend_replaces_the_link_old_refused_new_answers_once(
    member, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["lee@clinic.example"])
    old_url = _links(mail.outbox[0])
    invite = FeedbackInvite.objects.get()
    old_digest = invite.link_digest
    with django_capture_on_commit_callbacks(execute=True):
        feedback_invite_resend(invite=invite)
    assert len(mail.outbox) == 2
    again = mail.outbox[1]
    assert again.to == ["lee@clinic.example"]
    assert again.subject == "[RxGuild] Maria Alvarez asks for your feedback"
    new_url = _links(again)
    assert new_url != old_url
    invite.refresh_from_db()
    assert invite.resent_count == 1 and invite.link_digest != old_digest
    old = Client().post(old_url, {"ptce-med-nti": "2"})
    assert old.status_code == 400
    assert "This link has been replaced by a newer one or withdrawn." in old.content.decode()
    assert FeedbackAnswer.objects.count() == 0
    browser = Client()
    assert browser.post(new_url, {"ptce-med-nti": "3"}).status_code == 200
    assert list(FeedbackAnswer.objects.values_list("level", flat=True)) == [3]
    assert browser.post(new_url, {"ptce-med-nti": "1"}).status_code == 410
    assert list(FeedbackAnswer.objects.values_list("level", flat=True)) == [3]


def test_resend_revives_an_expired_invite_for_fourteen_days(
    member, frameworks, django_capture_on_commit_callbacks
):
    feedback_request = _ask(member, frameworks, ["lee@clinic.example"])
    long_ago = timezone.now() - timedelta(days=20)
    FeedbackRequest.objects.update(created_at=long_ago, expires_at=long_ago + timedelta(days=14))
    FeedbackInvite.objects.update(sent_at=long_ago)
    client = Client()
    client.force_login(member)
    page = client.get(f"/growth/feedback/{feedback_request.pk}/").content.decode()
    assert "<strong>expired</strong>" in page and "link expired" in page
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        feedback_invite_resend(invite=FeedbackInvite.objects.get())
    feedback_request.refresh_from_db()
    assert before + timedelta(days=14) <= feedback_request.expires_at
    assert feedback_request.expires_at <= timezone.now() + timedelta(days=14)
    page = client.get(f"/growth/feedback/{feedback_request.pk}/").content.decode()
    assert "<strong>waiting</strong>" in page
    assert Client().get(_links(mail.outbox[-1])).status_code == 200


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        pytest.param(
            lambda r, i: feedback_request_withdraw(request=r),
            "This request was withdrawn; ask again with a new request.",
            id="withdrawn",
        ),
        pytest.param(
            lambda r, i: FeedbackInvite.objects.filter(pk=i.pk).update(
                answered_at=timezone.now(), link_used_at=timezone.now()
            ),
            "This person has already answered.",
            id="answered",
        ),
        pytest.param(
            lambda r, i: FeedbackInvite.objects.filter(pk=i.pk).update(resent_count=2),
            "The link was already sent again 2 times; RxGuild will not send more.",
            id="twice-already",
        ),
    ],
)
def test_resend_refusals_change_nothing_and_send_nothing(
    member, frameworks, django_capture_on_commit_callbacks, prepare, message
):
    feedback_request = _ask(member, frameworks, ["lee@clinic.example"])
    invite = FeedbackInvite.objects.get()
    prepare(feedback_request, invite)
    before = _snapshot(invite)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as err:
        feedback_invite_resend(invite=invite)
    assert err.value.messages == [message]
    assert _snapshot(invite) == before
    assert mail.outbox == []


def test_declined_and_unsubscribed_people_are_not_asked_again(
    member, frameworks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member, frameworks, ["lee@clinic.example"])
    token = _links(mail.outbox[0]).split("/")[-2]
    feedback_decline(token=token)
    invite = FeedbackInvite.objects.get()
    before = _snapshot(invite)
    with pytest.raises(ValidationError) as err:
        feedback_invite_resend(invite=invite)
    assert err.value.messages == ["This person declined; RxGuild will not ask them again."]
    assert _snapshot(invite) == before and len(mail.outbox) == 1


def test_resend_at_most_once_a_day(member, frameworks, django_capture_on_commit_callbacks):
    _ask(member, frameworks, ["lee@clinic.example"])
    invite = FeedbackInvite.objects.get()
    feedback_invite_resend(invite=invite)
    before = _snapshot(invite)
    with pytest.raises(RateLimited, match="You have sent this person a new link too often"):
        feedback_invite_resend(invite=invite)
    assert _snapshot(invite) == before


def test_page_resend_button_and_message(member, member_client, frameworks):
    feedback_request = _ask(member, frameworks, ["lee@clinic.example", "kim@clinic.example"])
    first, second = FeedbackInvite.objects.order_by("id")
    FeedbackInvite.objects.filter(pk=second.pk).update(answered_at=timezone.now())
    page = member_client.get(f"/growth/feedback/{feedback_request.pk}/").content.decode()
    url = f"/growth/feedback/{feedback_request.pk}/invites/{first.pk}/resend/"
    assert page.count("Send the link again<span") == 1
    assert f'action="{url}"' in page
    response = member_client.post(url, follow=True)
    assert response.redirect_chain == [(f"/growth/feedback/{feedback_request.pk}/", 302)]
    assert (
        "A new link is on its way to Lee; the earlier link no longer works."
        in response.content.decode()
    )
    assert FeedbackInvite.objects.get(pk=first.pk).resent_count == 1
    refused = member_client.post(
        f"/growth/feedback/{feedback_request.pk}/invites/{second.pk}/resend/", follow=True
    )
    assert "This person has already answered." in refused.content.decode()
    assert FeedbackInvite.objects.get(pk=second.pk).resent_count == 0


def test_another_member_cannot_resend_and_nothing_changes(
    member, other_client, frameworks, django_capture_on_commit_callbacks
):
    feedback_request = _ask(member, frameworks, ["lee@clinic.example"])
    invite = FeedbackInvite.objects.get()
    before = _snapshot(invite)
    url = f"/growth/feedback/{feedback_request.pk}/invites/{invite.pk}/resend/"
    with django_capture_on_commit_callbacks(execute=True):
        assert other_client.post(url).status_code == 404
        api = f"/api/v1/growth/feedback-requests/{feedback_request.pk}/invites/{invite.pk}/resend"
        assert other_client.post(api).status_code == 404
    assert Client().post(url).status_code == 302  # to the log-in page
    assert _snapshot(invite) == before
    assert mail.outbox == []


def test_an_invite_of_another_request_is_not_found(member, member_client, frameworks):
    mine = _ask(member, frameworks, ["lee@clinic.example"])
    from tests.tracker.factories import UserFactory

    _ask(UserFactory(), frameworks, ["kim@clinic.example"])
    theirs = FeedbackInvite.objects.get(email="kim@clinic.example")
    response = member_client.post(f"/growth/feedback/{mine.pk}/invites/{theirs.pk}/resend/")
    assert response.status_code == 404
    assert FeedbackInvite.objects.get(pk=theirs.pk).resent_count == 0


def test_api_resend(member, member_client, frameworks, django_capture_on_commit_callbacks):
    feedback_request = _ask(member, frameworks, ["lee@clinic.example"])
    invite = FeedbackInvite.objects.get()
    url = f"/api/v1/growth/feedback-requests/{feedback_request.pk}/invites/{invite.pk}/resend"
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(url)
    assert response.status_code == 200
    assert response.json()["invites"] == [
        {"id": invite.pk, "relationship": "preceptor", "name": "Lee", "status": "waiting"}
    ]
    assert len(mail.outbox) == 1
    FeedbackInvite.objects.filter(pk=invite.pk).update(answered_at=timezone.now())
    refused = member_client.post(url)
    assert refused.status_code == 422
    assert "This person has already answered." in refused.content.decode()
    assert FeedbackInvite.objects.get().resent_count == 1
