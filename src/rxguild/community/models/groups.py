"""Groups and who belongs to them, with which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.catalog.models import Specialization

USER = settings.AUTH_USER_MODEL


class Group(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", "State association or chapter"
        SPECIALTY = "specialty", "Specialty circle"
        COHORT = "cohort", "Training cohort"
        OTHER = "other", "Other"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public: anyone can read, members can join"
        MEMBERS = "members", "Members-only: only members of the group can read; anyone can join"
        INVITE = "invite", "Invite-only: hidden from non-members; join by invitation"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=4000, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    state = models.CharField(max_length=2, blank=True)
    specialization = models.ForeignKey(
        Specialization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MODERATOR = "moderator", "Moderator"
        MEMBER = "member", "Member"

    class Status(models.TextChoices):
        ACTIVE = "active", "Member"
        INVITED = "invited", "Invited"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    invited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} ({self.role}, {self.status})"

    @property
    def can_moderate(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role in (
            self.Role.OWNER,
            self.Role.MODERATOR,
        )
