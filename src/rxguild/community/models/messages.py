"""Direct messages and the message requests that open a conversation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Message(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"

    # What a member sent goes with them; what others sent them stays with its sender.
    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the recipient has been told by email (one batched notice, never one per message).
    notice_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"message {self.pk} from {self.sender_id} to {self.recipient_id}"


class MessageRequest(models.Model):
    """A first message to a member who is not a connection: it waits for the recipient to
    accept (the conversation opens with it) or decline (the sender is not told)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One request per direction: a new one after a withdrawal reuses the row.
            models.UniqueConstraint(fields=["sender", "recipient"], name="unique_message_request"),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")), name="message_request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"message request {self.sender_id}→{self.recipient_id} {self.status}"
