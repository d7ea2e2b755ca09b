"""Message requests: how a member writes to someone who is not (yet) a connection.

The first message waits as a request; only when the recipient accepts does a conversation
open (the request's text becomes its first message). A decline is silent: the sender keeps
seeing "sent" and can't send another for DECLINE_QUIET_DAYS, so nobody learns more than that
they have not been answered. Blocks stop requests both ways, with the same words as for a
member who does not exist; trust-level daily caps and suspensions apply as for messages.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import Message, MessageRequest, NotificationKind
from rxguild.community.selectors.connections import display_name, is_blocked_between
from rxguild.community.services.common import (
    daily_cap_check,
    require_participant,
    trust_limits_for,
)
from rxguild.community.services.notifications import notify

MAX_REQUEST_LENGTH = 1000
DECLINE_QUIET_DAYS = 30
CANT_MESSAGE = "You can't send a message request to this member."


@transaction.atomic
def message_request_send(*, sender: User, recipient: User, body: str) -> MessageRequest:
    """Ask to message `recipient`; refused when they may already be messaged directly."""
    # Imported here: messages imports this module's check (`has_accepted_request`).
    from rxguild.community.services.messages import may_message

    require_participant(sender)
    if sender.pk == recipient.pk:
        raise ValidationError("You can't send a message request to yourself.")
    if not recipient.is_active or is_blocked_between(sender, recipient):
        raise PermissionDenied(CANT_MESSAGE)
    if may_message(sender, recipient):
        raise ValidationError("You can already message this member: write to them directly.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write your first message: say who you are and why."})
    if len(body) > MAX_REQUEST_LENGTH:
        raise ValidationError(
            {"body": f"Keep a first message under {MAX_REQUEST_LENGTH:,} characters."}
        )
    rows = {
        (row.sender_id, row.recipient_id): row
        for row in MessageRequest.objects.select_for_update().filter(
            Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
        )
    }
    theirs = rows.get((recipient.pk, sender.pk))
    if theirs is not None and theirs.status == MessageRequest.Status.PENDING:
        raise ValidationError("They already asked to message you: accept their request.")
    mine = rows.get((sender.pk, recipient.pk))
    if mine is not None:
        quiet_until = (mine.responded_at or mine.created_at) + timedelta(days=DECLINE_QUIET_DAYS)
        declined_recently = (
            mine.status == MessageRequest.Status.DECLINED and timezone.now() < quiet_until
        )
        # Declined reads exactly like pending to the sender.
        if mine.status == MessageRequest.Status.PENDING or declined_recently:
            raise ValidationError("Your message request is waiting for an answer.")
    limits = trust_limits_for(sender)
    daily_cap_check(
        user=sender,
        action="message-request",
        limit=limits.connection_requests_per_day,
        described="sent message requests",
    )
    request, _ = MessageRequest.objects.update_or_create(
        sender=sender,
        recipient=recipient,
        defaults={
            "body": body,
            "status": MessageRequest.Status.PENDING,
            "created_at": timezone.now(),
            "responded_at": None,
        },
    )
    # A reused row (a request after a withdrawal) comes back without its members: attach the
    # ones at hand, so showing who asked whom costs no further query.
    request.sender, request.recipient = sender, recipient
    notify(
        recipient=recipient,
        kind=NotificationKind.MESSAGE_REQUEST,
        text=f"{display_name(sender)} asks to send you a message.",
        url=reverse("community:inbox") + "#requests",
    )
    return request


def _pending(request_id: int, **filters: object) -> MessageRequest:
    try:
        return (
            MessageRequest.objects.select_for_update(of=("self",))
            .select_related("sender", "recipient")
            .get(pk=request_id, status=MessageRequest.Status.PENDING, **filters)
        )
    except MessageRequest.DoesNotExist:
        raise ValidationError("That request is no longer waiting for an answer.") from None


@transaction.atomic
def message_request_accept(*, actor: User, request_id: int) -> Message:
    """The recipient accepts: the conversation opens with the request's text."""
    require_participant(actor)
    request = _pending(request_id, recipient=actor)
    if is_blocked_between(actor, request.sender) or not request.sender.is_active:
        raise ValidationError("That request is no longer waiting for an answer.")
    request.status = MessageRequest.Status.ACCEPTED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    # Only an acceptance is ever told to the sender (a decline is not).
    actor_profile = getattr(actor, "profile", None)
    notify(
        recipient=request.sender,
        kind=NotificationKind.MESSAGE,
        text=f"{display_name(actor)} accepted your message request.",
        url=reverse("community:conversation", args=[actor_profile.handle])
        if actor_profile is not None
        else reverse("community:inbox"),
    )
    return Message.objects.create(
        sender=request.sender,
        recipient=actor,
        body=request.body,
        created_at=request.created_at,
        read_at=timezone.now(),
    )


@transaction.atomic
def message_request_decline(*, actor: User, request_id: int) -> MessageRequest:
    request = _pending(request_id, recipient=actor)
    request.status = MessageRequest.Status.DECLINED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])  # the sender is not told
    return request


@transaction.atomic
def message_request_withdraw(*, actor: User, request_id: int) -> MessageRequest:
    request = _pending(request_id, sender=actor)
    request.status = MessageRequest.Status.WITHDRAWN
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    return request
