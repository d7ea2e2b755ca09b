"""Competency evaluations (competencies.toml), each signed off by its evaluator by link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.experience.models.hours import SignOffStatus


class CompetencyCategory(models.TextChoices):
    DEFAULT = "default", "Not category-specific"
    CATEGORY_1_2 = "category-1-2", "Category 1 or 2 compounding"
    CATEGORY_3 = "category-3", "Category 3 compounding"


class CompetencyRecord(models.Model):
    """One evaluation of a competency (competencies.toml): date, result, site, evaluator.

    `reminded_for` is the due date a reminder was last sent for: running the reminder command
    again sends nothing new.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competency_records"
    )
    competency = models.CharField(max_length=40)
    category = models.CharField(
        max_length=20, choices=CompetencyCategory.choices, default=CompetencyCategory.DEFAULT
    )
    performed_on = models.DateField()
    passed = models.BooleanField()
    site_name = models.CharField(max_length=200)
    evaluator_name = models.CharField(max_length=120, blank=True)
    evaluator_role = models.CharField(max_length=120, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    reminded_for = models.DateField(null=True, blank=True)
    # Sign-off by the evaluator through a signed link (services.competency_signoff): until it
    # is signed the record is the member's word, and pages say so.
    evaluator_email = models.EmailField(blank=True)
    signoff_status = models.CharField(
        max_length=10, choices=SignOffStatus.choices, blank=True, default=""
    )
    evaluator_comment = models.TextField(max_length=2000, blank=True)
    link_digest = models.CharField(max_length=64, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["competency", "-performed_on", "-id"]
        indexes = [models.Index(fields=["member", "competency"], name="experience_comp_idx")]

    def __str__(self) -> str:
        return f"{self.competency} on {self.performed_on}"
