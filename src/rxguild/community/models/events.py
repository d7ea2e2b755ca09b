"""Events, invitations, RSVPs with their waitlist, and the secret of a member's calendar feed."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.deletion import Collector
from django.utils import timezone

from rxguild.community.models.groups import Group
from rxguild.core.deletion import keep_shared

USER = settings.AUTH_USER_MODEL


def keep_event_with_others_rsvps(
    collector: Collector, field: Any, sub_objs: models.QuerySet[Any], using: str
) -> None:
    """on_delete of Event.organizer: the member's events go, except one another member
    answered, which stays (organizer: a former member) with everyone's RSVPs."""
    others = Rsvp.objects.filter(event=models.OuterRef("pk")).exclude(
        user=models.OuterRef("organizer")
    )
    keep_shared(collector, field, sub_objs, using, shared=models.Exists(others))


def new_event_uid() -> str:
    # The iCalendar UID: stable across edits, so calendars update the event in place.
    return secrets.token_hex(16)


class Event(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        MEMBERS = "members", "Signed-in members (group members for a group's event)"
        INVITE = "invite", "Invite-only"

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    # An event others signed up for outlives its organizer (their RSVPs stay).
    organizer = models.ForeignKey(
        USER, null=True, on_delete=keep_event_with_others_rsvps, related_name="+"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=8000, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=60, default="America/New_York")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.ONLINE)
    address = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: no limit.")
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    acpe_uan = models.CharField("ACPE UAN", max_length=30, blank=True)
    ce_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    provider_name = models.CharField(max_length=200, blank=True)
    uid = models.CharField(max_length=40, unique=True, default=new_event_uid)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class EventInvitation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="unique_event_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.event_id}"


class Rsvp(models.Model):
    class Status(models.TextChoices):
        GOING = "going", "Going"
        WAITLISTED = "waitlisted", "On the waitlist"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="community_rsvps")
    status = models.CharField(max_length=10, choices=Status.choices)
    # The waitlist is first come, first served: ordered by when the member asked.
    requested_at = models.DateTimeField(default=timezone.now)
    attended_confirmed_at = models.DateTimeField(null=True, blank=True)
    ce_record_id = models.PositiveIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="unique_rsvp")]
        indexes = [models.Index(fields=["event", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status} for {self.event_id}"


class CalendarToken(models.Model):
    """The secret in a member's personal events feed URL (calendar apps can't sign in)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
