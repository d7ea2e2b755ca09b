"""Background tasks (django-tasks) for alerts and reminders. Both wrap idempotent functions,
so a retried or duplicated task sends nothing twice."""

from __future__ import annotations

from django_tasks import task

from rxguild.jobs.alerts import follow_up_reminders_send, job_alerts_send


@task()
def send_job_alerts_task() -> int:
    return job_alerts_send().postings_sent


@task()
def send_follow_up_reminders_task() -> int:
    return follow_up_reminders_send()
