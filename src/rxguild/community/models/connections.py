"""Connections, follows and blocks between members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Connection(models.Model):
    """A request from one member to another; once accepted it links both ways."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Connected"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    from_user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    to_user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_user", "to_user"], name="unique_connection_pair"),
            models.CheckConstraint(
                condition=~models.Q(from_user=models.F("to_user")), name="connection_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_user_id}→{self.to_user_id} {self.status}"


class Follow(models.Model):
    follower = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    followed = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="unique_follow")
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"


class Block(models.Model):
    """A block hides each member from the other: no requests, messages, directory or feed."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
