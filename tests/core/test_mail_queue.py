"""Email through the task queue: the member's action is saved whatever the provider does; a
failed send is retried with backoff; a task run twice, or a worker killed mid-send and its
task retried, sends the email once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.core.mail_queue import MAX_ATTEMPTS, email_deliver, email_retry_due
from rxguild.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase for tests"


class FailingProvider(LocmemBackend):
    """The provider refusing every message (the boundary: the SMTP connection)."""

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("smtp.example.org:587 refused")


@pytest.fixture
def queued_mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "rxguild.core.mail_queue.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_sign_up_is_saved_and_its_email_retried_while_the_provider_fails(
    client: Any, settings: Any, queued_mail: None, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_DELIVERY_BACKEND = "tests.core.test_mail_queue.FailingProvider"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302  # the member's action went through
    assert User.objects.filter(email="new@example.org").exists()
    row = OutgoingEmail.objects.get()
    assert row.message["to"] == ["new@example.org"]
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == "ConnectionRefusedError: smtp.example.org:587 refused"
    assert row.next_attempt_at is not None
    assert timedelta(seconds=50) < row.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert mail.outbox == []

    # Nothing is due yet; once the provider is back and the retry is due, it goes once.
    assert email_retry_due() == 0
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert email_retry_due(now=timezone.now() + timedelta(minutes=2)) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert "Confirm" in mail.outbox[0].subject or "confirm" in mail.outbox[0].body.lower()


def test_a_provider_that_keeps_failing_is_given_up_after_max_attempts(
    settings: Any, queued_mail: None, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_DELIVERY_BACKEND = "tests.core.test_mail_queue.FailingProvider"
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("Hello", "Body", to=["a@example.org"]).send()
    row = OutgoingEmail.objects.get()
    for _ in range(MAX_ATTEMPTS - 1):
        OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        email_retry_due()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("gave_up", MAX_ATTEMPTS)
    assert email_retry_due(now=timezone.now() + timedelta(days=1)) == 0


def test_a_task_run_twice_sends_once(
    queued_mail: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("Hello", "Body", to=["a@example.org"]).send()  # delivered after commit
    row = OutgoingEmail.objects.get()
    assert row.status == "sent"
    assert email_deliver(row.pk) == "nothing to do"
    assert len(mail.outbox) == 1


def test_a_worker_killed_mid_send_is_retried_and_the_email_goes_once(
    settings: Any, queued_mail: None
) -> None:
    # A worker claimed the row and died before sending: the row stays "sending".
    row = OutgoingEmail.objects.create(
        message={
            "subject": "Hello",
            "body": "Body",
            "from_email": "RxGuild <no-reply@rxguild.local>",
            "to": ["a@example.org"],
            "cc": [],
            "bcc": [],
            "reply_to": [],
            "headers": {},
            "alternatives": [],
        },
        status=OutgoingEmail.Status.SENDING,
        attempts=1,
        claimed_at=timezone.now(),
    )
    assert email_deliver(row.pk) == "nothing to do"  # another worker never steals a claim
    assert email_retry_due() == 0  # a fresh claim may still be in flight
    assert email_retry_due(now=timezone.now() + timedelta(minutes=11)) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert email_retry_due(now=timezone.now() + timedelta(hours=1)) == 0
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_mail_in_a_rolled_back_transaction_is_never_sent(queued_mail: None) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        EmailMessage("Hello", "Body", to=["a@example.org"]).send()
        raise RuntimeError("the change failed")
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_mail_stored_with_its_change_is_sent_even_if_the_process_stops_after_the_commit(
    queued_mail: None, django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import transaction

    from rxguild.core.mail import mail_send_after_commit

    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        mail_send_after_commit([EmailMessage("Hello", "Body", to=["a@example.org"])])
    # The process stopped before the commit's callbacks ran: the email was never enqueued.
    row = OutgoingEmail.objects.get()
    assert (row.status, mail.outbox) == ("queued", [])
    assert email_retry_due() == 0  # its enqueue may still be on its way
    assert email_retry_due(now=timezone.now() + timedelta(minutes=11)) == 1
    row.refresh_from_db()
    assert row.status == "sent"
    assert [m.subject for m in mail.outbox] == ["Hello"]
