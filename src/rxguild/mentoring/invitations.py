"""Reads of circle invitations for the pages and the API: each in a fixed number of queries,
and never across a block either way (the member who blocked, or was blocked, drops out of
the other's lists, as in community)."""

from __future__ import annotations

from rxguild.accounts.models import User
from rxguild.community.selectors.connections import blocked_ids
from rxguild.mentoring.models import Circle, CircleInvitation


def invitations_of_circle(circle: Circle) -> list[CircleInvitation]:
    """Every invitation of the circle, newest first, for its mentor (two queries)."""
    return list(
        CircleInvitation.objects.filter(circle=circle, invitee__is_active=True)
        .exclude(invitee_id__in=blocked_ids(circle.mentor))
        .select_related("invitee__profile")
    )


def invitations_to(member: User) -> list[CircleInvitation]:
    """Invitations waiting for the member's answer, newest first (two queries)."""
    return list(
        CircleInvitation.objects.filter(
            invitee=member,
            status=CircleInvitation.Status.PENDING,
            circle__mentor__is_active=True,
        )
        .exclude(circle__mentor_id__in=blocked_ids(member))
        .select_related("circle__mentor__profile", "invitee__profile")
    )
