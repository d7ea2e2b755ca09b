"""Dashboard next steps from the tracker: follow-ups that are due, and news from employers."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.next_steps import NextStep
from rxguild.tracker.models import ApplicationEvent, TrackedApplication


def tracker_next_steps(user: User) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    steps = [
        NextStep(
            title=f"Follow up: {application.title}",
            detail=f"{application.organization or 'Outside job'} · "
            f"planned for {application.follow_up_on:%b %-d}",
            url=reverse("tracker:detail", args=[application.pk]),
            priority=20,
        )
        for application in TrackedApplication.objects.filter(
            member=user, follow_up_on__lte=today
        ).order_by("follow_up_on", "id")[:3]
    ]
    recent = timezone.now() - timedelta(days=7)
    news = (
        ApplicationEvent.objects.filter(
            application__member=user,
            kind=ApplicationEvent.Kind.EMPLOYER_STAGE,
            created_at__gte=recent,
        )
        .select_related("application")
        .order_by("-created_at")[:2]
    )
    steps += [
        NextStep(
            title=event.summary,
            detail=event.application.title,
            url=reverse("tracker:detail", args=[event.application_id]),
            priority=15,
        )
        for event in news
    ]
    return steps
