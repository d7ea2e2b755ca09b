"""Accounts: the user (logged in by email), roles, personal access tokens, data exports and
account deletions."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.hashers import check_password
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

    # Any new password, however it is set (allauth, the Django admin, `manage.py
    # changepassword`, a shell), revokes the member's API tokens when it is saved: a token
    # made under the old password is what someone who learned it would keep. Sessions end
    # through Django's session hash and reset links through the token generator, which both
    # depend on the password hash. A hash upgrade at log-in (same password) revokes nothing.
    _password_replaced = False

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self._password_replaced = True

    def check_password(self, raw_password: str | None) -> bool:
        def rehash(raw: str) -> None:
            AbstractUser.set_password(self, raw)  # same password, new hash: tokens stay
            self._password = None
            self.save(update_fields=["password"])

        return check_password(raw_password, self.password, rehash)

    def save(self, *args: Any, **kwargs: Any) -> None:
        replaced = self._password_replaced and self.pk is not None
        super().save(*args, **kwargs)
        if replaced:
            self._password_replaced = False
            PersonalAccessToken.objects.filter(user=self, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )

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


class DataExport(models.Model):
    """A member's own copy of everything they entered (accounts.member_data), built by a task.

    The ZIP is in the upload storage under a random name and handed back to its owner only,
    until `expires_at`; then `purge_accounts` deletes the file."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(blank=True)
    size = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.user_id} ({self.status})"


class AccountDeletion(models.Model):
    """A member's request to delete their account: the account is closed at once and purged
    (rows and files) after the grace period, unless they cancel with the emailed link."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="deletion")
    requested_at = models.DateTimeField(default=timezone.now)
    purge_after = models.DateTimeField()
    link_digest = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"deletion of {self.user_id} after {self.purge_after:%Y-%m-%d}"
