"""Who is connected to, follows or blocks whom."""

from __future__ import annotations

from django.db.models import Q

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.community.models import Block, Connection, Follow
from rxguild.core.deletion import member_name


def blocked_ids(user: Viewer) -> set[int]:
    """Members hidden from `user` because either of them blocked the other."""
    if not user.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {a if b == user.pk else b for a, b in pairs}


def is_blocked_between(a: Viewer | None, b: User) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def connection_ids(user: User) -> set[int]:
    pairs = Connection.objects.filter(
        Q(from_user=user) | Q(to_user=user), status=Connection.Status.ACCEPTED
    ).values_list("from_user_id", "to_user_id")
    return {a if b == user.pk else b for a, b in pairs}


def are_connected(a: User, b: User) -> bool:
    return Connection.objects.filter(
        Q(from_user=a, to_user=b) | Q(from_user=b, to_user=a),
        status=Connection.Status.ACCEPTED,
    ).exists()


def followed_ids(user: User) -> set[int]:
    return set(Follow.objects.filter(follower=user).values_list("followed_id", flat=True))


def connection_between(a: User, b: User) -> Connection | None:
    return (
        Connection.objects.filter(Q(from_user=a, to_user=b) | Q(from_user=b, to_user=a))
        .order_by("-created_at")
        .first()
    )


def connections_overview(user: User) -> dict[str, list[Connection]]:
    rows = (
        Connection.objects.filter(Q(from_user=user) | Q(to_user=user))
        .exclude(status__in=[Connection.Status.DECLINED, Connection.Status.WITHDRAWN])
        .select_related("from_user__profile", "to_user__profile")
        .order_by("-created_at")
    )
    overview: dict[str, list[Connection]] = {"incoming": [], "outgoing": [], "connected": []}
    for row in rows:
        if row.status == Connection.Status.ACCEPTED:
            overview["connected"].append(row)
        elif row.to_user_id == user.pk:
            overview["incoming"].append(row)
        else:
            overview["outgoing"].append(row)
    return overview


def display_name(user: User | None) -> str:
    """How a member is named to others (one rule for every app: core.deletion.member_name)."""
    return member_name(user)
