"""A member's career targets and the steps they have marked done.

The requirements themselves are data (data/roadmap/requirements.toml, read by
`requirements.py`); these rows hold only the member's choices, so a corrected rule reaches every
member's roadmap on the next deploy without a migration.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Target(models.Model):
    class Kind(models.TextChoices):
        CREDENTIAL = "credential", "Credential"
        SPECIALTY = "specialty", "Specialty"
        REGISTRATION = "registration", "Another state's registration"
        ROLE = "role", "A role in a setting"
        POSTING = "posting", "Job posting"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmap_targets"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # A target code from the requirements data; empty for a posting.
    code = models.CharField(max_length=80, blank=True)
    posting = models.ForeignKey(
        "jobs.JobPosting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "code"], condition=~Q(code=""), name="roadmap_unique_target_code"
            ),
            models.UniqueConstraint(
                fields=["member", "posting"],
                condition=Q(posting__isnull=False),
                name="roadmap_unique_target_posting",
            ),
            models.CheckConstraint(
                condition=(Q(kind="posting") & Q(posting__isnull=False) & Q(code=""))
                | (~Q(kind="posting") & Q(posting__isnull=True) & ~Q(code="")),
                name="roadmap_target_code_or_posting",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"posting {self.posting_id}"


class StepDone(models.Model):
    """The member says a requirement is done (a program finished, an exam passed).

    Keyed by requirement code, not by target: the same step (an active CPhT, the CSPT exam)
    can serve several targets, and marking it once marks it everywhere.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmap_steps_done"
    )
    requirement_code = models.CharField(max_length=80)
    done_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "requirement_code"], name="roadmap_unique_step_done"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement_code} done {self.done_on}"


class PlanDate(models.Model):
    """A due date the member set for a plan step (instead of the engine's estimate).

    Keyed by requirement code like StepDone: a step shared by two targets has one date.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmap_plan_dates"
    )
    requirement_code = models.CharField(max_length=80)
    due_on = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "requirement_code"], name="roadmap_unique_plan_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement_code} due {self.due_on}"


class PayReport(models.Model):
    """A member's pay for one job they held, shown to others only inside buckets of 5 or more.

    The member and the job are kept so each job has one report and the member can change or
    withdraw it; neither is ever shown with the figure. What the buckets use is copied here when
    the member reports (state, setting, credentials held, years), so editing the profile later
    does not move an approved figure.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roadmap_pay_reports"
    )
    job = models.OneToOneField(
        "profiles.WorkExperience", on_delete=models.CASCADE, related_name="pay_report"
    )
    hourly_pay = models.DecimalField(max_digits=6, decimal_places=2)
    state = models.CharField(max_length=2)
    setting = models.CharField(max_length=60, blank=True)  # practice setting code
    shift = models.CharField(max_length=10, blank=True)
    credentials = models.JSONField(default=list, blank=True)  # catalog codes held
    years_experience = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "state", "setting"], name="roadmap_pay_bucket")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_pay__gte=0) & Q(hourly_pay__lte=500),
                name="roadmap_pay_hourly_range",
            )
        ]

    def __str__(self) -> str:
        return f"pay report {self.pk} ({self.status})"
