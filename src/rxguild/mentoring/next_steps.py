"""Dashboard next steps from mentoring: requests waiting for the member's answer, and open
mentorships the other side asked to close."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from rxguild.core.next_steps import NextStep
from rxguild.mentoring.models import Mentorship, MentorshipRequest


def mentoring_next_steps(user: Any) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    steps = []
    waiting = MentorshipRequest.objects.filter(
        mentor=user, status=MentorshipRequest.Status.PENDING
    ).order_by("respond_by")
    count = waiting.count()
    if count:
        first = waiting.first()
        assert first is not None
        steps.append(
            NextStep(
                title=f"Answer {count} mentoring request{'s' if count != 1 else ''}",
                detail=f"The first expires on {first.respond_by:%b %-d}",
                url=reverse("mentoring:requests"),
                priority=18,
            )
        )
    to_close = (
        Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user))
        .filter(status__in=Mentorship.OPEN_STATUSES, close_requested_at__isnull=False)
        .exclude(close_requested_by=user)
        .order_by("close_requested_at")[:2]
    )
    steps += [
        NextStep(
            title="A mentorship is asked to close",
            detail="The other member left mentoring: close it with a short note",
            url=reverse("mentoring:mentorship", args=[mentorship.pk]),
            priority=25,
        )
        for mentorship in to_close
    ]
    return steps
