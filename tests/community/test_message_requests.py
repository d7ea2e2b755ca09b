"""A new member is never at a dead end: a message request to a member who is not a
connection waits for their answer; accepting opens the conversation, declining tells the
sender nothing. Blocks, suspensions and the daily caps apply (services, pages, API)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from tests.community.conftest import client_for, connect, make_member

from rxguild.community.models import Message, MessageRequest, Notification, Suspension
from rxguild.community.services import message_requests as request_services
from rxguild.community.services import messages as message_services
from rxguild.community.services.connections import block_create
from rxguild.core.ratelimit import RateLimited

pytestmark = pytest.mark.django_db
HELLO = "Hi Ben, I am moving to the IV room. Could I ask about your USP 797 training?"


def _send(sender, recipient, body=HELLO):
    return request_services.message_request_send(sender=sender, recipient=recipient, body=body)


# --- services ---------------------------------------------------------------------------


def test_a_request_waits_then_accepting_opens_the_conversation(ana, ben):
    assert message_services.may_message(ana, ben) is False
    request = _send(ana, ben)
    assert (request.status, request.body) == ("pending", HELLO)
    assert Message.objects.count() == 0
    assert list(Notification.objects.filter(recipient=ben).values_list("kind", "text")) == [
        ("message_request", "Ana asks to send you a message.")
    ]
    with pytest.raises(PermissionDenied):
        message_services.message_send(sender=ana, recipient=ben, body="Hello again?")
    message = request_services.message_request_accept(actor=ben, request_id=request.pk)
    assert (message.sender, message.recipient, message.body) == (ana, ben, HELLO)
    assert list(Notification.objects.filter(recipient=ana).values_list("text", "url")) == [
        ("Ben accepted your message request.", "/community/messages/ben/")
    ]
    assert message_services.may_message(ana, ben) and message_services.may_message(ben, ana)
    message_services.message_send(sender=ben, recipient=ana, body="Sure, happy to help.")
    assert Message.objects.count() == 2


def test_a_decline_is_silent_and_reads_as_waiting(ana, ben):
    request = _send(ana, ben)
    request_services.message_request_decline(actor=ben, request_id=request.pk)
    assert Notification.objects.filter(recipient=ana).count() == 0
    with pytest.raises(ValidationError) as caught:
        _send(ana, ben, "Did you see my message?")
    assert caught.value.messages == ["Your message request is waiting for an answer."]
    assert MessageRequest.objects.get().body == HELLO
    # After the quiet period a new request may be sent.
    MessageRequest.objects.update(responded_at=timezone.now() - timedelta(days=31))
    assert _send(ana, ben, "Trying once more.").status == "pending"


def test_only_the_recipient_answers_and_only_the_sender_withdraws(ana, ben, cy):
    request = _send(ana, ben)
    for actor in (ana, cy):
        with pytest.raises(ValidationError):
            request_services.message_request_accept(actor=actor, request_id=request.pk)
    with pytest.raises(ValidationError):
        request_services.message_request_withdraw(actor=ben, request_id=request.pk)
    assert MessageRequest.objects.get().status == "pending"
    assert Message.objects.count() == 0
    request_services.message_request_withdraw(actor=ana, request_id=request.pk)
    assert MessageRequest.objects.get().status == "withdrawn"


def test_blocks_stop_requests_both_ways_and_hide_pending_ones(ana, ben):
    request = _send(ana, ben)
    block_create(actor=ben, blocked=ana)
    with pytest.raises(ValidationError):
        request_services.message_request_accept(actor=ben, request_id=request.pk)
    for sender, recipient in ((ana, ben), (ben, ana)):
        with pytest.raises(PermissionDenied) as caught:
            _send(sender, recipient)
        assert str(caught.value) == "You can't send a message request to this member."
    assert Message.objects.count() == 0
    assert MessageRequest.objects.count() == 1


def test_requests_between_connections_or_to_oneself_are_refused(ana, ben):
    connect(ana, ben)
    with pytest.raises(ValidationError) as caught:
        _send(ana, ben)
    assert caught.value.messages == ["You can already message this member: write to them directly."]
    with pytest.raises(ValidationError):
        _send(ana, ana)
    assert MessageRequest.objects.count() == 0


def test_answer_theirs_instead_of_sending_a_second(ana, ben):
    _send(ana, ben)
    with pytest.raises(ValidationError) as caught:
        _send(ben, ana)
    assert caught.value.messages == ["They already asked to message you: accept their request."]


@pytest.mark.parametrize(
    ("body", "error"),
    [("   ", "Write your first message: say who you are and why."),
     ("x" * 1001, "Keep a first message under 1,000 characters.")],
    ids=["empty", "too-long"],
)  # fmt: skip
def test_bad_first_messages_are_refused(ana, ben, body, error):
    with pytest.raises(ValidationError) as caught:
        _send(ana, ben, body)
    assert caught.value.message_dict == {"body": [error]}
    assert MessageRequest.objects.count() == 0


def test_new_members_are_capped_per_day(ana):
    newcomer = make_member("Newt", days_old=0)
    others = [make_member(f"Peer{n}") for n in range(11)]
    for other in others[:10]:
        _send(newcomer, other)
    with pytest.raises(RateLimited):
        _send(newcomer, others[10])
    assert MessageRequest.objects.count() == 10


def test_suspended_members_cannot_send_requests(ana, ben, moderator):
    Suspension.objects.create(
        member=ana, until=timezone.now() + timedelta(days=1), reason="spam", created_by=moderator
    )
    with pytest.raises(PermissionDenied):
        _send(ana, ben)
    assert MessageRequest.objects.count() == 0


# --- pages ------------------------------------------------------------------------------


def test_conversation_page_offers_a_request_to_a_non_connection(ana, ben):
    html = client_for(ana).get(reverse("community:conversation", args=["ben"])).content.decode()
    assert "Send a message request" in html
    assert ">Your first message</label>" in html
    assert "can message connections and mentorship partners only" not in html


def test_sending_accepting_through_the_pages(ana, ben):
    response = client_for(ana).post(
        reverse("community:message_request_send", args=["ben"]), {"body": HELLO}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Message request sent. You can write more once they accept."
    ]
    assert "Your message request" in response.content.decode()
    inbox = client_for(ben).get(reverse("community:inbox")).content.decode()
    assert HELLO in inbox
    request = MessageRequest.objects.get()
    response = client_for(ben).post(
        reverse("community:message_request_answer", args=[request.pk, "accept"])
    )
    assert response.status_code == 302
    assert response.url == reverse("community:conversation", args=["ana"]) + "#latest"
    assert list(Message.objects.values_list("sender__first_name", "body")) == [("Ana", HELLO)]


def test_the_inbox_shows_each_member_with_their_initials(ana, ben, cy):
    _send(ana, ben)
    connect(cy, ben)
    message_services.message_send(sender=cy, recipient=ben, body="See you at the CSPT study group")
    inbox = client_for(ben).get(reverse("community:inbox")).content.decode()
    # One initials badge beside the request's sender (Ana), one beside the conversation (Cy).
    assert inbox.count('<span class="avatar avatar-sm') == 2
    assert '" aria-hidden="true">A</span>' in inbox
    assert '" aria-hidden="true">C</span>' in inbox


def test_the_sender_cannot_accept_their_own_request_on_the_page(ana, ben):
    request = _send(ana, ben)
    response = client_for(ana).post(
        reverse("community:message_request_answer", args=[request.pk, "accept"]), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "That request is no longer waiting for an answer."
    ]
    assert MessageRequest.objects.get().status == "pending"
    assert Message.objects.count() == 0


def test_declined_request_still_reads_as_sent_to_the_sender(ana, ben):
    request = _send(ana, ben)
    client_for(ben).post(reverse("community:message_request_answer", args=[request.pk, "decline"]))
    html = client_for(ana).get(reverse("community:inbox")).content.decode()
    assert "Requests you sent" in html
    assert "declined" not in html.lower()


def test_a_blocked_member_gets_a_404_and_nothing_is_sent(ana, ben):
    block_create(actor=ben, blocked=ana)
    response = client_for(ana).post(
        reverse("community:message_request_send", args=["ben"]), {"body": HELLO}
    )
    assert response.status_code == 404
    assert MessageRequest.objects.count() == 0
    assert Notification.objects.count() == 0


def test_member_page_links_to_the_request(ana, ben):
    html = client_for(ana).get(reverse("community:member", args=["ben"])).content.decode()
    assert f'href="{reverse("community:conversation", args=["ben"])}"' in html
    assert "Send a message request" in html


# --- API --------------------------------------------------------------------------------


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_api_send_list_accept(ana, ben):
    response = _post(
        client_for(ana), "/api/v1/community/message-requests", {"handle": "ben", "body": HELLO}
    )
    assert response.status_code == 201
    request_id = response.json()["id"]
    assert response.json()["status"] == "pending"
    listed = client_for(ben).get("/api/v1/community/message-requests").json()
    assert [(r["id"], r["other_handle"], r["body"]) for r in listed["incoming"]] == [
        (request_id, "ana", HELLO)
    ]
    accepted = _post(client_for(ben), f"/api/v1/community/message-requests/{request_id}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["conversation_with"] == "ana"
    assert Message.objects.get().body == HELLO


def test_api_decline_is_shown_to_the_sender_as_pending(ana, ben):
    request = _send(ana, ben)
    assert (
        _post(
            client_for(ben), f"/api/v1/community/message-requests/{request.pk}/decline"
        ).status_code
        == 204
    )
    outgoing = client_for(ana).get("/api/v1/community/message-requests").json()["outgoing"]
    assert [r["status"] for r in outgoing] == ["pending"]


def test_api_refusals(ana, ben):
    connect(ana, ben)
    response = _post(
        client_for(ana), "/api/v1/community/message-requests", {"handle": "ben", "body": HELLO}
    )
    assert response.status_code == 422
    cy = make_member("Cy")
    block_create(actor=cy, blocked=ana)
    response = _post(
        client_for(ana), "/api/v1/community/message-requests", {"handle": "cy", "body": HELLO}
    )
    assert response.status_code == 404
    assert MessageRequest.objects.count() == 0
    anonymous = _post(
        __import__("django.test").test.Client(),
        "/api/v1/community/message-requests",
        {"handle": "ben", "body": HELLO},
    )
    assert anonymous.status_code == 401
