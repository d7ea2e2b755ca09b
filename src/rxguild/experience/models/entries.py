"""An entry of the ledger (one stretch of experience at one site) and its duties."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class EntryKind(models.TextChoices):
    WORK = "work", "Work"
    EXTERNSHIP = "externship", "Externship"
    INTERNSHIP = "internship", "Internship"
    VOLUNTEERING = "volunteering", "Volunteering"


class ExperienceEntry(models.Model):
    """One stretch of experience at one site.

    Either `hours_per_week` (a job) or `logged_hours` (a total, as an externship log gives) is
    set, never both: the engine in months.py spreads logged hours over the dates.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experience_entries"
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices, default=EntryKind.WORK)
    site_name = models.CharField(max_length=200)
    site_city = models.CharField(max_length=100, blank=True)
    site_state = models.CharField(max_length=2, blank=True)
    setting = models.ForeignKey(
        "catalog.PracticeSetting", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True, help_text="Empty while ongoing.")
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    logged_hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    description = models.TextField(max_length=4000, blank=True)
    # The training program's required hours, for an externship's or internship's progress.
    required_hours = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["member", "started_on"], name="experience_member_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(hours_per_week__isnull=False, logged_hours__isnull=True)
                    | Q(hours_per_week__isnull=True, logged_hours__isnull=False)
                ),
                name="experience_entry_one_kind_of_hours",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="experience_entry_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.site_name}"


class ExperienceDuty(models.Model):
    """The share of an entry's hours spent on one duty that matters (data/experience/duties)."""

    entry = models.ForeignKey(ExperienceEntry, on_delete=models.CASCADE, related_name="duties")
    duty = models.CharField(max_length=40)
    percent = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["entry", "duty"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "duty"], name="experience_duty_once"),
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100), name="experience_duty_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duty} {self.percent}%"
