"""Background tasks: the reminder run, for a scheduler that prefers tasks over cron."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from rxguild.ce.services import reminders_send_due


@task()
def ce_send_reminders_task() -> int:
    """Idempotent (see services.reminders): safe to enqueue more than once a day."""
    return reminders_send_due(today=timezone.localdate()).emails_sent
