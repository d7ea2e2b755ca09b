"""core's one table: the outgoing email queue (core.mail_queue)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutgoingEmail(models.Model):
    """One message on its way out: stored with the change that caused it, sent by a task."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        HANDED_OVER = "handed_over", "Handed to the provider, its answer not yet recorded"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will be retried"
        GAVE_UP = "gave_up", "Failed for good"
        UNCONFIRMED = "unconfirmed", "Perhaps sent: the provider's answer never came"

    message = models.JSONField()  # its headers hold its Message-ID, the same on every attempt
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_email_due")]

    def __str__(self) -> str:
        return f"email {self.pk} ({self.status})"
