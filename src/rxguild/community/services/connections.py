"""Connection requests, follows and blocks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import Block, Connection, Follow, NotificationKind
from rxguild.community.selectors.connections import display_name, is_blocked_between
from rxguild.community.services.common import (
    daily_cap_check,
    require_participant,
    trust_limits_for,
)
from rxguild.community.services.notifications import notify


def _not_self(actor: User, other: User) -> None:
    if actor.pk == other.pk:
        raise ValidationError("You can't do that with yourself.")


@transaction.atomic
def connection_request(*, actor: User, to_user: User, note: str = "") -> Connection:
    require_participant(actor)
    _not_self(actor, to_user)
    if len(note) > 300:
        raise ValidationError({"note": "Keep the note under 300 characters."})
    # A block reads as "no such member" to the blocked side: the same message either way.
    if is_blocked_between(actor, to_user) or not to_user.is_active:
        raise ValidationError("You can't connect with this member.")
    existing = Connection.objects.select_for_update().filter(
        Q(from_user=actor, to_user=to_user) | Q(from_user=to_user, to_user=actor)
    )
    for row in existing:
        if row.status == Connection.Status.ACCEPTED:
            raise ValidationError("You are already connected.")
        if row.status == Connection.Status.PENDING:
            if row.from_user_id == actor.pk:
                raise ValidationError("Your request is already waiting for an answer.")
            raise ValidationError("They already asked to connect with you: accept their request.")
    limits = trust_limits_for(actor)
    daily_cap_check(
        user=actor,
        action="connection-request",
        limit=limits.connection_requests_per_day,
        described="sent connection requests",
    )
    connection, _ = Connection.objects.update_or_create(
        from_user=actor,
        to_user=to_user,
        defaults={
            "status": Connection.Status.PENDING,
            "note": note.strip(),
            "created_at": timezone.now(),
            "responded_at": None,
        },
    )
    # A reused row (a request after a withdrawal) comes back without its members: attach the
    # ones at hand, so showing who asked whom costs no further query.
    connection.from_user, connection.to_user = actor, to_user
    notify(
        recipient=to_user,
        kind=NotificationKind.CONNECTION_REQUEST,
        text=f"{display_name(actor)} asks to connect with you.",
        url=reverse("community:connections"),
    )
    return connection


def _pending_for(connection_id: int, **filters: Any) -> Connection:
    try:
        return Connection.objects.select_for_update().get(
            pk=connection_id, status=Connection.Status.PENDING, **filters
        )
    except Connection.DoesNotExist:
        raise ValidationError("That request is no longer waiting for an answer.") from None


@transaction.atomic
def connection_accept(*, actor: User, connection_id: int) -> Connection:
    require_participant(actor)
    connection = _pending_for(connection_id, to_user=actor)
    connection.status = Connection.Status.ACCEPTED
    connection.responded_at = timezone.now()
    connection.save(update_fields=["status", "responded_at"])
    notify(
        recipient=connection.from_user,
        kind=NotificationKind.CONNECTION_ACCEPTED,
        text=f"{display_name(actor)} accepted your connection request.",
        url=reverse("community:connections"),
    )
    return connection


@transaction.atomic
def connection_decline(*, actor: User, connection_id: int) -> Connection:
    connection = _pending_for(connection_id, to_user=actor)
    connection.status = Connection.Status.DECLINED
    connection.responded_at = timezone.now()
    connection.save(update_fields=["status", "responded_at"])  # the sender is not told
    return connection


@transaction.atomic
def connection_withdraw(*, actor: User, connection_id: int) -> Connection:
    connection = _pending_for(connection_id, from_user=actor)
    connection.status = Connection.Status.WITHDRAWN
    connection.responded_at = timezone.now()
    connection.save(update_fields=["status", "responded_at"])
    return connection


@transaction.atomic
def connection_remove(*, actor: User, other: User) -> int:
    deleted, _ = Connection.objects.filter(
        Q(from_user=actor, to_user=other) | Q(from_user=other, to_user=actor),
        status=Connection.Status.ACCEPTED,
    ).delete()
    return deleted


@transaction.atomic
def follow_create(*, actor: User, followed: User) -> Follow:
    require_participant(actor)
    _not_self(actor, followed)
    if is_blocked_between(actor, followed):
        raise ValidationError("You can't follow this member.")
    follow, _ = Follow.objects.get_or_create(follower=actor, followed=followed)
    return follow


@transaction.atomic
def follow_delete(*, actor: User, followed: User) -> None:
    Follow.objects.filter(follower=actor, followed=followed).delete()


@transaction.atomic
def block_create(*, actor: User, blocked: User) -> Block:
    if not actor.is_authenticated:
        raise PermissionDenied("Sign in first.")
    _not_self(actor, blocked)
    block, _ = Block.objects.get_or_create(blocker=actor, blocked=blocked)
    # A block ends every tie between the two, in both directions.
    Connection.objects.filter(
        Q(from_user=actor, to_user=blocked) | Q(from_user=blocked, to_user=actor)
    ).delete()
    Follow.objects.filter(
        Q(follower=actor, followed=blocked) | Q(follower=blocked, followed=actor)
    ).delete()
    return block


@transaction.atomic
def block_delete(*, actor: User, blocked: User) -> None:
    Block.objects.filter(blocker=actor, blocked=blocked).delete()
