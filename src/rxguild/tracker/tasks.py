"""Background task (django-tasks) for follow-up reminders: it wraps an idempotent function, so a
retried or duplicated task sends nothing twice."""

from __future__ import annotations

from django_tasks import task

from rxguild.tracker.reminders import follow_up_reminders_send


@task()
def send_follow_up_reminders_task() -> int:
    return follow_up_reminders_send()
