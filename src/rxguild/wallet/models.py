"""The credential wallet: how each credential on a profile is known.

A credential a member lists on their profile (profiles.CredentialHeld) is self-reported until
evidence backs it: a document a staff member checked, or a digital badge whose signature and
issuer were verified. Every row here points to its member with CASCADE, so the member's data
export and deletion (accounts.member_data) take it with them.
"""

from __future__ import annotations

import uuid

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


class IssuerKey(models.Model):
    """A public key this instance signed badges with, by key id (its RFC 7638 thumbprint).

    The private key lives only in the key file (RXGUILD_WALLET_KEY_FILE), never in the
    database or the repository. Public keys stay here after a rotation, so every badge signed
    with an older key still verifies.
    """

    kid = models.CharField(max_length=100, unique=True)
    public_jwk = models.JSONField()
    first_used_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first_used_at"]

    def __str__(self) -> str:
        return self.kid


class BadgeKind(models.TextChoices):
    EXPERIENCE = "verified-experience", "Verified experience"
    EXTERNSHIP = "externship-completion", "Externship completion"
    EVENT = "event-attendance", "Event attendance"


class IssuedBadge(models.Model):
    """An Open Badges 3.0 credential this instance issued, signed as a VC-JWT.

    `source_id` is the row it vouches for (an experience verification, an externship entry,
    an event RSVP); one live badge per source. Revocation sets the badge's bit in the status
    list (`status_index`), which anyone holding the credential can check.
    """

    public_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="issued_badges"
    )
    kind = models.CharField(max_length=30, choices=BadgeKind.choices)
    source_id = models.PositiveBigIntegerField()
    achievement_name = models.CharField(max_length=300)
    narrative = models.TextField(max_length=2000)
    issued_at = models.DateTimeField(default=timezone.now)
    signing_kid = models.CharField(max_length=100)
    status_index = models.PositiveIntegerField(unique=True)
    credential_jwt = models.TextField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "source_id"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_badge_per_source",
            )
        ]

    def __str__(self) -> str:
        return self.achievement_name


class ImportedBadge(models.Model):
    """A digital badge from another issuer (or from this instance), verified at import.

    `badge_digest` (sha256 of the assertion's or credential's id) is unique across the site:
    the same badge cannot be imported twice, into this wallet or anyone else's.
    """

    class Spec(models.TextChoices):
        OB2 = "ob2", "Open Badges 2.0"
        OB3 = "ob3", "Open Badges 3.0"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imported_badges"
    )
    credential_held = models.ForeignKey(
        "profiles.CredentialHeld",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wallet_badges",
    )
    spec = models.CharField(max_length=3, choices=Spec.choices)
    badge_id = models.CharField(max_length=500)
    badge_digest = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=300)
    description = models.TextField(max_length=2000, blank=True)
    issuer_name = models.CharField(max_length=200)
    issuer_id = models.CharField(max_length=500, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(default=timezone.now)
    # Set by the re-check (`manage.py wallet_recheck_badges`) when the issuer revoked it since.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)
    document = models.JSONField(default=dict)  # the assertion or credential as verified
    vc_jwt = models.TextField(blank=True)

    class Meta:
        ordering = ["-verified_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.issuer_name})"


class ApplicationProof(models.Model):
    """A verification link the member attached to one of their job applications: the employer
    sees it beside what the application shares (and nothing else of the wallet)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet_proofs"
    )
    application = models.ForeignKey(
        "tracker.TrackedApplication", on_delete=models.CASCADE, related_name="wallet_proofs"
    )
    issued_badge = models.ForeignKey(
        IssuedBadge, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    imported_badge = models.ForeignKey(
        ImportedBadge, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    attached_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["attached_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(issued_badge__isnull=True)
                ^ models.Q(imported_badge__isnull=True),
                name="proof_is_one_badge",
            ),
            models.UniqueConstraint(
                fields=["application", "issued_badge"], name="unique_issued_proof"
            ),
            models.UniqueConstraint(
                fields=["application", "imported_badge"], name="unique_imported_proof"
            ),
        ]

    def __str__(self) -> str:
        return f"proof {self.pk} on application {self.application_id}"
