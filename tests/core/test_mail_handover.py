"""No email sent twice (issue #18), against a real SMTP server and a real worker process.

The server is a small SMTP sink in the test (a thread on loopback) that counts the messages it
took (the "." that ends DATA read) and can stop the worker at a chosen point: SIGKILL while
the message is being addressed (before the hand-over), or SIGSTOP once it has the whole
message, then its "250" reply, then SIGKILL (after the server took it, before the worker
records it). The worker is `manage.py task_worker` on the test database; the email is sent
by `manage.py shell` as the app sends it (stored, then enqueued on the database queue).
"""

from __future__ import annotations

import email
import os
import signal
import socketserver
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.mail import EmailMessage
from django.db import connection
from django.utils import timezone
from tests.core.test_serve import ROOT

from rxguild.core.mail_queue import (
    email_deliver,
    email_resend,
    email_retry_due,
    message_to_json,
)
from rxguild.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for smtplib; `messages` holds every message the server took."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SinkSession)
        self.messages: list[bytes] = []
        self.mode = "accept"  # kill at rcpt | kill after accept | cut after dot | refuse | steal
        self.victim = 0  # the worker's pid
        self.at_rcpt: Any = None  # called when the message is being addressed (mode "steal")

    def message_ids(self) -> list[str]:
        return [str(email.message_from_bytes(raw)["Message-ID"]) for raw in self.messages]


class _SinkSession(socketserver.StreamRequestHandler):
    server: SmtpSink

    def reply(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        sink = self.server
        self.reply(b"220 sink ready")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"RCPT" and sink.mode == "kill at rcpt":
                os.kill(sink.victim, signal.SIGKILL)
                return
            if verb == b"RCPT" and sink.mode == "steal":
                sink.at_rcpt()
            if verb == b"DATA":
                self.reply(b"354 go ahead")
                body = b"".join(iter(self.rfile.readline, b".\r\n"))
                if sink.mode == "refuse":
                    self.reply(b"451 try again later")
                    continue
                sink.messages.append(body)  # the server has taken it
                if sink.mode == "cut after dot":
                    return
                if sink.mode == "kill after accept":
                    os.kill(sink.victim, signal.SIGSTOP)
                    self.reply(b"250 queued")  # said, never read: the worker is stopped
                    os.kill(sink.victim, signal.SIGKILL)
                    return
                self.reply(b"250 queued")
            elif verb == b"QUIT":
                self.reply(b"221 bye")
                return
            else:  # EHLO, MAIL, RCPT, RSET, NOOP
                self.reply(b"250 ok")


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp(settings: Any, sink: SmtpSink) -> SmtpSink:
    """This process delivering to the sink (the task runs at once: the immediate backend)."""
    settings.EMAIL_BACKEND = "rxguild.core.mail_queue.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "rxguild.core.smtp_handover.HandoverSMTPBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = sink.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return sink


@pytest.fixture
def worker_env(sink: SmtpSink) -> dict[str, str]:
    """Settings for a worker process on this test's database, mailing the sink."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + db["NAME"])
        url = url.geturl()
    host, port = sink.server_address
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"RXGUILD_TESTING", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith("PYTEST")
    } | {
        "DATABASE_URL": url,
        "EMAIL_URL": f"smtp://{host}:{port}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT / "src"),
        "DEBUG": "0",
    }


def manage(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`manage.py task_worker` running the tasks waiting, then exiting (--batch)."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=out,
        )


SEND = (
    "from django.core.mail import EmailMessage\n"
    "EmailMessage('Confirm your address', 'Body', to=['member@example.org']).send()\n"
)


def test_a_worker_killed_after_the_server_took_the_message_never_sends_it_again(
    sink: SmtpSink, worker_env: dict[str, str], tmp_path: Path
) -> None:
    sink.mode = "kill after accept"
    manage(worker_env, "shell", "-c", SEND)
    first = worker(worker_env, tmp_path / "worker.log")
    sink.victim = first.pid
    assert first.wait(timeout=180) == -signal.SIGKILL
    row = OutgoingEmail.objects.get()
    assert (row.status, len(sink.messages)) == ("handed_over", 1)

    # Ten minutes on, cron's email_retry finds the stale claim; the task itself is run again.
    sink.mode = "accept"
    OutgoingEmail.objects.update(claimed_at=timezone.now() - timedelta(minutes=11))
    retry = manage(worker_env, "email_retry")
    assert "0 emails queued again" in retry
    assert "1 unconfirmed" in retry
    enqueue = f"from rxguild.core.tasks import deliver_email\ndeliver_email.enqueue({row.pk})\n"
    manage(worker_env, "shell", "-c", enqueue)
    assert worker(worker_env, tmp_path / "worker.log").wait(timeout=180) == 0
    row.refresh_from_db()
    assert row.status == "unconfirmed"
    assert len(sink.messages) == 1  # sent once


def test_a_worker_killed_before_the_hand_over_is_retried_and_sends_once(
    sink: SmtpSink, worker_env: dict[str, str], tmp_path: Path
) -> None:
    sink.mode = "kill at rcpt"
    manage(worker_env, "shell", "-c", SEND)
    first = worker(worker_env, tmp_path / "worker.log")
    sink.victim = first.pid
    assert first.wait(timeout=180) == -signal.SIGKILL
    row = OutgoingEmail.objects.get()
    assert (row.status, sink.messages) == ("sending", [])

    sink.mode = "accept"
    OutgoingEmail.objects.update(claimed_at=timezone.now() - timedelta(minutes=11))
    assert "1 emails queued again" in manage(worker_env, "email_retry")
    assert worker(worker_env, tmp_path / "worker.log").wait(timeout=180) == 0
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert sink.message_ids() == [row.message["headers"]["Message-ID"]]


def test_a_connection_cut_after_the_final_dot_is_not_resent_until_staff_say_so(
    smtp: SmtpSink,
) -> None:
    smtp.mode = "cut after dot"
    EmailMessage("Confirm your address", "Body", to=["member@example.org"]).send()
    row = OutgoingEmail.objects.get()
    assert (row.status, len(smtp.messages)) == ("unconfirmed", 1)
    assert row.last_error.startswith("SMTPServerDisconnected")
    assert email_retry_due(now=timezone.now() + timedelta(hours=1)) == 0
    assert email_deliver(row.pk) == "nothing to do"

    smtp.mode = "accept"
    assert email_resend(row.pk) is True
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    # The same Message-ID both times: mail clients fold the two into one.
    assert smtp.message_ids() == [row.message["headers"]["Message-ID"]] * 2


def test_a_refusal_after_the_final_dot_is_retried_and_sends_once(smtp: SmtpSink) -> None:
    smtp.mode = "refuse"
    EmailMessage("Confirm your address", "Body", to=["member@example.org"]).send()
    row = OutgoingEmail.objects.get()
    assert (row.status, smtp.messages) == ("failed", [])
    assert row.last_error.startswith("SMTPDataError")
    smtp.mode = "accept"
    assert email_retry_due(now=timezone.now() + timedelta(minutes=2)) == 1
    row.refresh_from_db()
    assert (row.status, len(smtp.messages)) == ("sent", 1)


def test_a_worker_whose_claim_was_taken_over_never_ends_the_message(smtp: SmtpSink) -> None:
    hello = EmailMessage("Hello", "Body", to=["a@example.org"])
    row = OutgoingEmail.objects.create(message=message_to_json(hello))

    # While this worker addresses the message, email_retry judged its claim stale and another
    # worker claimed the row (attempt 2).
    def steal() -> None:  # in the sink's thread, on its own connection
        OutgoingEmail.objects.filter(pk=row.pk).update(attempts=2)
        connection.close()

    smtp.mode = "steal"
    smtp.at_rcpt = steal
    assert email_deliver(row.pk) == "claim lost"
    assert smtp.messages == []  # the connection dropped before the "."
