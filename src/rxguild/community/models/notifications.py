"""In-app notifications, their kinds, and each member's settings per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class NotificationKind(models.TextChoices):
    CONNECTION_REQUEST = "connection_request", "Someone asks to connect"
    CONNECTION_ACCEPTED = "connection_accepted", "A connection request is accepted"
    MENTION = "mention", "Someone @mentions you"
    REPLY = "reply", "A reply to your post"
    ANSWER_ACCEPTED = "answer_accepted", "Your answer is accepted"
    GROUP_INVITE = "group_invite", "An invitation to a group"
    EVENT_PROMOTED = "event_promoted", "You move from a waitlist to going"
    EVENT_REMINDER = "event_reminder", "An event you're going to is soon"
    MESSAGE = "message", "A new message"
    MESSAGE_REQUEST = "message_request", "Someone who is not a connection asks to message you"
    MODERATION = "moderation", "A moderator's note to you"
    # Mentoring's news: one bell and one settings page for the whole site.
    MENTORING_REQUEST = "mentoring_request", "Someone asks you to be their mentor"
    MENTORING_ANSWER = "mentoring_answer", "Your mentoring request is answered or expires"
    MENTORING_AGREEMENT = "mentoring_agreement", "A mentoring agreement is proposed or accepted"
    MENTORING_CHECK_IN = "mentoring_check_in", "A mentoring check-in is scheduled, soon or overdue"
    MENTORING_MENTORSHIP = "mentoring_mentorship", "A mentorship is paused, ended or asked to close"
    MENTORING_INTERVIEW = "mentoring_interview", "An informational-interview request or its answer"
    MENTORING_CIRCLE = "mentoring_circle", "An invitation to a mentoring circle or its answer"


class Notification(models.Model):
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class NotificationSetting(models.Model):
    """One row per member and kind they changed; a missing row means both channels on."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_setting")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: app {self.in_app}, email {self.email}"
