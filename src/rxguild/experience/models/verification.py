"""A request to a supervisor or preceptor without an account to vouch for an entry."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from rxguild.experience.models.entries import ExperienceEntry


class VerificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    CONFIRMED = "confirmed", "Verified"
    CORRECTED = "corrected", "Correction proposed"
    CORRECTION_REJECTED = "correction_rejected", "Correction not accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUPERSEDED = "superseded", "No longer matches the entry"


class ExperienceVerification(models.Model):
    """A request to a supervisor or preceptor, who has no account, to vouch for an entry.

    `claim` is the entry as it stood when the request was sent: the verifier answers for those
    facts, so a later edit of the entry makes the verification `superseded` instead of silently
    vouching for something else. A correction is stored in `correction` and reaches the entry
    only when the member accepts it. The link is `core.signed_links`: only its digest and the
    time it was used are stored here.
    """

    entry = models.ForeignKey(
        ExperienceEntry, on_delete=models.CASCADE, related_name="verifications"
    )
    verifier_name = models.CharField(max_length=120)
    verifier_role = models.CharField(max_length=120)
    verifier_site = models.CharField(max_length=200)
    verifier_email = models.EmailField()
    message = models.TextField(max_length=2000, blank=True)
    claim = models.JSONField(default=dict)
    correction = models.JSONField(default=dict, blank=True)
    verifier_comment = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=20, choices=VerificationStatus.choices, default=VerificationStatus.PENDING
    )
    link_digest = models.CharField(max_length=64, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    # The date the facts became verified: the verifier's confirmation, or the member's acceptance
    # of the verifier's correction.
    verified_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["entry", "status"], name="experience_verif_status_idx")]

    def __str__(self) -> str:
        return f"{self.entry} by {self.verifier_name} ({self.status})"
