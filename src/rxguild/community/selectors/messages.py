"""Conversations: a member sees only messages they sent or received."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from rxguild.accounts.models import User
from rxguild.community.models import Message
from rxguild.community.selectors.connections import blocked_ids


@dataclass
class ConversationSummary:
    other: User
    last: Message
    unread: int


def inbox(user: User, limit: int = 200) -> list[ConversationSummary]:
    """The latest message of each conversation, newest first (one query)."""
    rows = (
        Message.objects.filter(Q(sender=user) | Q(recipient=user), status=Message.Status.VISIBLE)
        .exclude(sender_id__in=blocked_ids(user))
        .select_related("sender__profile", "recipient__profile")
        .order_by("-created_at")[:limit]
    )
    summaries: dict[int, ConversationSummary] = {}
    for message in rows:
        other = message.recipient if message.sender_id == user.pk else message.sender
        if other is None:  # sent to a former member: no one to answer (kept in the export)
            continue
        summary = summaries.get(other.pk)
        if summary is None:
            summary = summaries[other.pk] = ConversationSummary(other=other, last=message, unread=0)
        if message.recipient_id == user.pk and message.read_at is None:
            summary.unread += 1
    return list(summaries.values())


def conversation(user: User, other: User) -> QuerySet[Message]:
    return (
        Message.objects.filter(
            Q(sender=user, recipient=other) | Q(sender=other, recipient=user),
            status=Message.Status.VISIBLE,
        )
        .select_related("sender__profile")
        .order_by("created_at")
    )


def unread_count(user: User) -> int:
    return Message.objects.filter(
        recipient=user, read_at__isnull=True, status=Message.Status.VISIBLE
    ).count()
