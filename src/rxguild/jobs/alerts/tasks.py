"""Background task (django-tasks) for saved-search digests: it wraps an idempotent function, so a
retried or duplicated task sends nothing twice."""

from __future__ import annotations

from django_tasks import task

from rxguild.jobs.alerts.sending import job_alerts_send


@task()
def send_job_alerts_task() -> int:
    return job_alerts_send().postings_sent
