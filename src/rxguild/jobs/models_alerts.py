"""Saved job searches and the alerts sent for them (digests: jobs/alerts/)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.jobs.alerts.digest import Frequency

__all__ = ["SavedSearch", "SentAlert"]

FREQUENCY_CHOICES = [(Frequency.DAILY.value, "Daily"), (Frequency.WEEKLY.value, "Weekly")]


class SavedSearch(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_job_searches"
    )
    name = models.CharField(max_length=120)
    # The search page's query string, kept as the URL had it so the alert reruns that search.
    query_string = models.CharField(max_length=1000, blank=True)
    frequency = models.CharField(
        max_length=10, choices=FREQUENCY_CHOICES, default=Frequency.WEEKLY.value
    )
    is_active = models.BooleanField(default=True)
    # The digest period last sent ('2026-11-26' or '2026-W48'); see alerts_digest.is_due.
    last_period = models.CharField(max_length=12, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class SentAlert(models.Model):
    """A posting sent in a digest for a search: the unique pair is what stops repeats."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "posting"], name="unique_sent_alert_per_search"
            )
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}:{self.posting_id}"
