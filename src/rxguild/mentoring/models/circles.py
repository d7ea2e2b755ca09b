"""Group mentoring: a mentor runs a circle of up to `capacity` mentees, with a private
(invite-only) community group as its discussion space. The circle holds who is in it; the
group holds the discussion and community's rules for it (moderation, reports, blocks)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

CIRCLE_CAPACITY = (2, 12)  # fewest and most mentees a circle may be set up for


class Circle(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Taking members"
        CLOSED = "closed", "Closed to new members"

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_circles"
    )
    name = models.CharField(max_length=120)
    about = models.TextField(max_length=2000, blank=True)
    capacity = models.PositiveSmallIntegerField(default=6)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    group = models.OneToOneField(
        "community.Group", on_delete=models.PROTECT, related_name="mentoring_circle"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class CircleMember(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "mentee"], name="mentoring_one_seat_per_circle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} in circle {self.circle_id}"


class CircleInvitation(models.Model):
    """The circle's mentor asks one member in; the seat is taken only when they accept (under
    the same lock on the circle as a join), so an invitation never holds a seat."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "invitee"],
                condition=models.Q(status="pending"),
                name="mentoring_one_pending_circle_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitee_id} invited to circle {self.circle_id}: {self.status}"
