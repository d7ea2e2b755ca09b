"""core's background task: delivering queued email (core.mail_queue)."""

from __future__ import annotations

from django_tasks import task

from rxguild.core.mail_queue import email_deliver


@task()
def deliver_email(email_id: int) -> str:
    return email_deliver(email_id)
