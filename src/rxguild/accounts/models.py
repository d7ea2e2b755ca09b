"""Accounts: the user (logged in by email), roles, personal access tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone


class MemberManager(UserManager["User"]):
    """Users are identified by email; `username` (kept because AbstractUser has it) copies it."""

    def create_user(  # type: ignore[override]  # email first: users are identified by it
        self, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> User:
        username = extra_fields.pop("username", None) or email or ""
        return super().create_user(username, email, password, **extra_fields)

    def create_superuser(  # type: ignore[override]  # email first, as create_user
        self, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> User:
        username = extra_fields.pop("username", None) or email or ""
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = MemberManager()  # type: ignore[misc]  # email-first manager replaces the default

    def __str__(self) -> str:
        return self.email

    def has_role(self, role: str) -> bool:
        if role == Role.STAFF:
            return self.is_staff
        return self.role_grants.filter(role=role).exists()

    @property
    def role_names(self) -> list[str]:
        names = list(self.role_grants.values_list("role", flat=True))
        if self.is_staff and Role.STAFF not in names:
            names.append(Role.STAFF)
        return sorted(names)


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    MENTOR = "mentor", "Mentor"
    EMPLOYER = "employer", "Employer / recruiter"
    CE_PROVIDER = "ce_provider", "CE provider"
    MODERATOR = "moderator", "Moderator"
    STAFF = "staff", "Staff"


class RoleGrant(models.Model):
    """A role a user holds. A user may hold several; staff is also mirrored by is_staff."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"


class PersonalAccessToken(models.Model):
    """A bearer token for the API. Only a SHA-256 digest is stored; the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # What the token may do (accounts.tokens.SCOPES): "read" / "write" for every API area, or
    # "<area>:read" / "<area>:write" for one. Write includes read.
    scopes = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
