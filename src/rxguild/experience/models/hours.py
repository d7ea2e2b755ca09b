"""An externship's or internship's hour log and the preceptor's sign-off of a period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.experience.models.entries import ExperienceEntry


class HourLogLine(models.Model):
    """One day (or shift) of an externship or internship: hours and what was practised.

    A line inside a period sent for sign-off is frozen: the preceptor signs exactly these lines.
    """

    entry = models.ForeignKey(ExperienceEntry, on_delete=models.CASCADE, related_name="log_lines")
    worked_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    tasks = models.TextField(max_length=2000, blank=True)
    competencies = models.JSONField(default=list, blank=True)  # codes of competencies.toml
    signoff = models.ForeignKey(
        "HourSignOff", null=True, blank=True, on_delete=models.SET_NULL, related_name="lines"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["worked_on", "id"]
        indexes = [models.Index(fields=["entry", "worked_on"], name="experience_log_day_idx")]

    def __str__(self) -> str:
        return f"{self.worked_on}: {self.hours} h"


class SignOffStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the preceptor"
    SIGNED = "signed", "Signed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class HourSignOff(models.Model):
    """A preceptor's sign-off of one period's log lines, by signed single-use link.

    `hours` and `line_count` are fixed when the request is sent: the preceptor signs that total.
    """

    entry = models.ForeignKey(ExperienceEntry, on_delete=models.CASCADE, related_name="signoffs")
    period_start = models.DateField()
    period_end = models.DateField()
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    line_count = models.PositiveSmallIntegerField()
    preceptor_name = models.CharField(max_length=120)
    preceptor_role = models.CharField(max_length=120)
    preceptor_email = models.EmailField()
    status = models.CharField(
        max_length=12, choices=SignOffStatus.choices, default=SignOffStatus.PENDING
    )
    preceptor_comment = models.TextField(max_length=2000, blank=True)
    # The preceptor's account when they answered signed in instead of by link.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_digest = models.CharField(max_length=64, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "-id"]

    def __str__(self) -> str:
        return f"{self.period_start} to {self.period_end}: {self.hours} h ({self.status})"
