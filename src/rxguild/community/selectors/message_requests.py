"""Message requests as each side sees them. The sender never sees a decline: their request
reads "sent" until it is accepted or they withdraw it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from rxguild.accounts.models import User
from rxguild.community.models import MessageRequest
from rxguild.community.selectors.connections import blocked_ids


def has_accepted_request(a: User, b: User) -> bool:
    return MessageRequest.objects.filter(
        Q(sender=a, recipient=b) | Q(sender=b, recipient=a),
        status=MessageRequest.Status.ACCEPTED,
    ).exists()


@dataclass
class MessageRequests:
    incoming: list[MessageRequest]
    outgoing: list[MessageRequest]  # pending and declined alike: the sender can't tell


def message_requests_for(user: User) -> MessageRequests:
    """Requests waiting for `user`'s answer and the ones they sent (one query plus the block
    list); requests to or from a blocked or deactivated member are left out."""
    hidden = blocked_ids(user)
    waiting = MessageRequest.Status.PENDING
    sent = [MessageRequest.Status.PENDING, MessageRequest.Status.DECLINED]
    rows = (
        MessageRequest.objects.filter(
            Q(recipient=user, status=waiting, sender__is_active=True)
            | Q(sender=user, status__in=sent)
        )
        .exclude(sender_id__in=hidden)
        .exclude(recipient_id__in=hidden)
        .select_related("sender__profile", "recipient__profile")
    )
    requests = MessageRequests(incoming=[], outgoing=[])
    for row in rows:
        (requests.incoming if row.recipient_id == user.pk else requests.outgoing).append(row)
    return requests


def message_request_between(sender: User, recipient: User) -> MessageRequest | None:
    """`sender`'s request to `recipient` as the sender may see it (a decline reads pending)."""
    return MessageRequest.objects.filter(
        sender=sender,
        recipient=recipient,
        status__in=[MessageRequest.Status.PENDING, MessageRequest.Status.DECLINED],
    ).first()


def message_request_from(sender: User, recipient: User) -> MessageRequest | None:
    """A request from `sender` waiting for `recipient`'s answer."""
    return MessageRequest.objects.filter(
        sender=sender, recipient=recipient, status=MessageRequest.Status.PENDING
    ).first()
