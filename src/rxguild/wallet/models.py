"""The credential wallet: how each credential on a profile is known.

A credential a member lists on their profile (profiles.CredentialHeld) is self-reported until
evidence backs it: a document a staff member checked, or a digital badge whose signature and
issuer were verified. Every row here points to its member with CASCADE, so the member's data
export and deletion (accounts.member_data) take it with them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class DocumentStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class CredentialDocument(models.Model):
    """A certificate or wallet card a member uploaded for staff to check against the
    credential they listed."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet_documents"
    )
    credential_held = models.ForeignKey(
        "profiles.CredentialHeld", on_delete=models.CASCADE, related_name="wallet_documents"
    )
    file = models.FileField(upload_to="wallet-documents/", max_length=200)
    original_name = models.CharField(max_length=120)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    # Why a document was rejected, for the member: required when rejecting.
    reason = models.TextField(max_length=1000, blank=True)
    # The reviewer's name, not a link to their account: a staff member's own data export must
    # not carry other members' documents (accounts.member_data follows foreign keys).
    reviewed_by_name = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"
