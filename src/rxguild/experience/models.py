"""The experience ledger: what a technician did, where, for how long, and who vouched for it.

The member owns every row here; nothing is deleted when they leave an employer or a program.
Who may see or change which row is decided in experience/access.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

__all__ = [
    "Cohort",
    "CohortMessage",
    "CompetencyCategory",
    "CompetencyRecord",
    "Enrollment",
    "EnrollmentStatus",
    "EntryKind",
    "Evaluation",
    "EvaluationKind",
    "EvaluationStatus",
    "ExperienceDuty",
    "ExperienceEntry",
    "ExperienceVerification",
    "HourLogLine",
    "HourSignOff",
    "Preceptor",
    "ProgramSite",
    "SignOffStatus",
    "TrainingProgram",
    "VerificationStatus",
]


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


class TrainingProgram(models.Model):
    """A school's or health system's technician training program. Staff create programs and
    name their coordinators (Django admin); coordinators enrol students."""

    name = models.CharField(max_length=200)
    organization = models.CharField(max_length=200)
    required_hours = models.PositiveIntegerField(null=True, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_programs", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class EnrollmentStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Enrolled"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class Enrollment(models.Model):
    """A student in a program. The coordinator sees the linked externship's hours only while
    the enrolment is active; the student's entries stay theirs when it ends."""

    program = models.ForeignKey(
        TrainingProgram, on_delete=models.CASCADE, related_name="enrollments"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    entry = models.ForeignKey(
        ExperienceEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cohort = models.ForeignKey(
        "Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="enrollments"
    )
    site = models.ForeignKey(
        "ProgramSite", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=EnrollmentStatus.choices, default=EnrollmentStatus.INVITED
    )
    invited_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["program", "student__last_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "student"],
                condition=Q(status__in=["invited", "active"]),
                name="experience_one_open_enrollment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.program} ({self.status})"


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


# The program's own lists live in their own module (models.py stays small); Django finds
# them here.
from rxguild.experience.models_programs import (  # noqa: E402
    Cohort,
    CohortMessage,
    Preceptor,
    ProgramSite,
)
