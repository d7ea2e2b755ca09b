"""Background task (django-tasks) wrapping the idempotent request expiry."""

from __future__ import annotations

from django_tasks import task

from rxguild.mentoring.services.mentorships import mentorship_requests_expire


@task()
def expire_mentoring_requests_task() -> int:
    return mentorship_requests_expire()
