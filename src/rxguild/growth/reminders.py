"""Reminders before a goal's target date: an email 7 days before and 1 day before.

Idempotent, for cron (`manage.py send_goal_reminders`) and the task alike: each goal records
the target date and threshold it was last reminded for, marked under a row lock before the
email is handed over (sent after the commit), so two overlapping runs send one email.
Missed runs catch up: a goal 3 days out that got no 7-day reminder gets it now.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.core.mail import mail_send_after_commit
from rxguild.growth import ce_link
from rxguild.growth.models import Goal

THRESHOLDS = (7, 1)


def threshold_for(days_left: int) -> int | None:
    """The smallest threshold the goal has reached, None when it is not yet (or past) due."""
    if days_left < 0:
        return None
    reached = [t for t in THRESHOLDS if days_left <= t]
    return min(reached) if reached else None


def _site_url(path: str) -> str:
    return getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _when(days_left: int) -> str:
    if days_left == 0:
        return "today"
    return "tomorrow" if days_left == 1 else f"in {days_left} days"


@transaction.atomic
def goal_reminders_send(*, today: date | None = None) -> int:
    """Email members about goals reaching a threshold; returns the number of goals reminded."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(THRESHOLDS))
    candidates = (
        Goal.objects.select_for_update()
        .filter(
            status=Goal.Status.ACTIVE,
            target_date__gte=today,
            target_date__lte=horizon,
        )
        .select_related("member")
        .order_by("member_id", "target_date", "id")
    )
    due: dict[int, list[tuple[Goal, int]]] = {}
    for goal in candidates:
        threshold = threshold_for((goal.target_date - today).days)
        if threshold is None:
            continue
        already = goal.reminded_for == goal.target_date and (goal.reminded_days or 99) <= threshold
        if already:
            continue
        goal.reminded_for = goal.target_date
        goal.reminded_days = threshold
        goal.save(update_fields=["reminded_for", "reminded_days"])
        due.setdefault(goal.member_id, []).append((goal, threshold))
    # Progress of goals that follow a CE requirement comes from the CE record (after the
    # reminder marks above were saved, so the engine's figure is never written back).
    ce_link.attach_ce_progress([goal for goals in due.values() for goal, _ in goals], today=today)
    messages = []
    for goals in due.values():
        member = goals[0][0].member
        lines = [
            f"- {goal.title}: target {goal.target_date:%b %-d, %Y} "
            f"({_when((goal.target_date - today).days)}), {goal.progress} % done. "
            + _site_url(reverse("growth:goal", args=[goal.pk]))
            for goal, _ in goals
        ]
        messages.append(
            EmailMessage(
                subject=f"[RxGuild] Goal reminder: {len(goals)} goal"
                f"{'s' if len(goals) != 1 else ''} coming up",
                body="\n\n".join(
                    [
                        "Hello,",
                        "Goals you set on RxGuild are coming up:",
                        "\n".join(lines),
                        "Change a target date or mark a goal complete on its page.",
                    ]
                ),
                to=[member.email],
            )
        )
    mail_send_after_commit(messages)
    return sum(len(goals) for goals in due.values())
