"""Django's SMTP backend, telling the mail queue the moment a message is handed over.

SMTP has no two-phase commit. A server takes responsibility for a message when it has read
the line "." that ends DATA, and says so in its reply; a client that dies, or whose connection
drops, between sending that line and recording the reply cannot know whether the message
went. Everything before that line is safe to repeat: a server discards a transaction that
never ended.

`HandoverSMTPBackend` is Django's SMTP backend (EMAIL_URL smtp://, smtp+tls://, smtp+ssl://)
whose connection sends the whole message but the final ".", calls `on_handover()`, then sends
"." and reads the reply. The mail queue (core.mail_queue) records "handed over" in that call,
so the one uncertain span is from that record to the server's reply: a worker that stops there
leaves its email marked as possibly sent, never sent again automatically. If `on_handover`
raises (the claim was lost), the connection is dropped without the ".", so nothing is sent.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from typing import Any

from django.core.mail.backends.smtp import EmailBackend

Handover = Callable[[], None]


class HandoverSMTP(smtplib.SMTP):
    """smtplib.SMTP whose `data` calls `on_handover` between the message and its final "."."""

    on_handover: Handover | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):  # Django sends bytes with CRLF line ends
            msg = msg.encode("ascii")
        body = re.sub(rb"(?m)^\.", b"..", bytes(msg))  # dot-stuffing, as smtplib does
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        self.send(body)
        if self.on_handover is not None:
            try:
                self.on_handover()
            except BaseException:
                self.close()  # no ".": the server drops the unfinished message
                raise
        self.send(b".\r\n")
        return self.getreply()


class HandoverSMTPSSL(HandoverSMTP, smtplib.SMTP_SSL):
    pass


class HandoverSMTPBackend(EmailBackend):
    supports_handover = True

    def __init__(self, *args: Any, on_handover: Handover | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_handover = on_handover

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return HandoverSMTPSSL if self.use_ssl else HandoverSMTP

    def open(self) -> bool | None:
        opened = super().open()
        if isinstance(self.connection, HandoverSMTP):
            self.connection.on_handover = self.on_handover
        return opened
