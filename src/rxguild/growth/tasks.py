"""Background task (django-tasks) for goal reminders: it wraps an idempotent function, so a
retried or duplicated task sends nothing twice."""

from __future__ import annotations

from django_tasks import task

from rxguild.growth.reminders import goal_reminders_send


@task()
def send_goal_reminders_task() -> int:
    return goal_reminders_send()
