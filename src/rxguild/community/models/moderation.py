"""Reports, the moderators' audit log and suspensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.community.models.discussions import Post
from rxguild.community.models.messages import Message

USER = settings.AUTH_USER_MODEL


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        HARASSMENT = "harassment", "Harassment or hate"
        PRIVACY = "privacy", "Shares patient or private information"
        MISINFORMATION = "misinformation", "Dangerous misinformation"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE)
    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.reason}, {self.status})"


class ModerationAction(models.Model):
    """The audit log: every moderator decision, never edited or deleted."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hide"
        REMOVE = "remove", "Remove"
        RESTORE = "restore", "Restore"
        WARN = "warn", "Warn"
        SUSPEND = "suspend", "Suspend"
        UNSUSPEND = "unsuspend", "Lift suspension"
        DISMISS = "dismiss", "Dismiss report"

    moderator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL)
    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} by {self.moderator_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Suspension(models.Model):
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    reason = models.CharField(max_length=1000)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.member_id} suspended until {self.until:%Y-%m-%d}"
