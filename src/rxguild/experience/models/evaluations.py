"""A preceptor's mid-point or final evaluation of a placement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.experience.models.entries import ExperienceEntry


class EvaluationKind(models.TextChoices):
    MIDPOINT = "midpoint", "Mid-point evaluation"
    FINAL = "final", "Final evaluation"


class EvaluationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the preceptor"
    SUBMITTED = "submitted", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Evaluation(models.Model):
    """A preceptor's mid-point or final evaluation of a placement: the checklist of
    data/experience/evaluation.toml, each item rated (0 = not observed) with a comment.

    The preceptor fills it through a signed single-use link, or signed in with an account
    whose verified email is `evaluator_email`; `submitted_by` records which.
    `ratings` is a list of {"item": code, "rating": 0-4, "comment": str}.
    """

    entry = models.ForeignKey(ExperienceEntry, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(max_length=10, choices=EvaluationKind.choices)
    evaluator_name = models.CharField(max_length=120)
    evaluator_role = models.CharField(max_length=120)
    evaluator_email = models.EmailField()
    status = models.CharField(
        max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.PENDING
    )
    ratings = models.JSONField(default=list, blank=True)
    overall_comment = models.TextField(max_length=4000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations_given",
    )
    link_digest = models.CharField(max_length=64, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entry", "-requested_at", "-id"]
        indexes = [
            models.Index(fields=["evaluator_email", "status"], name="experience_eval_email_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.entry} ({self.status})"
