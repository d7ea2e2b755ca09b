"""The dashboard's community steps: connection requests waiting and unread messages."""

from __future__ import annotations

from django.urls import reverse

from rxguild.accounts.models import User
from rxguild.core.next_steps import NextStep


def community_next_steps(user: User) -> list[NextStep]:
    from rxguild.community.models import Connection, Membership
    from rxguild.community.selectors.messages import unread_count

    if not getattr(user, "is_authenticated", False):
        return []
    steps: list[NextStep] = []
    requests = Connection.objects.filter(to_user=user, status=Connection.Status.PENDING).count()
    if requests:
        steps.append(
            NextStep(
                title=f"Answer {requests} connection request{'s' if requests != 1 else ''}",
                detail="Colleagues asked to connect with you.",
                url=reverse("community:connections"),
                priority=30,
            )
        )
    unread = unread_count(user)
    if unread:
        steps.append(
            NextStep(
                title=f"Read {unread} new message{'s' if unread != 1 else ''}",
                detail="Messages from your connections are waiting.",
                url=reverse("community:inbox"),
                priority=30,
            )
        )
    if not Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).exists():
        steps.append(
            NextStep(
                title="Join a state group or specialty circle",
                detail="Ask questions and meet technicians near you and in your specialty.",
                url=reverse("community:groups"),
                priority=60,
            )
        )
    return steps
