"""CE transcript, course catalog, reminders and calendar feed.

The rules themselves (what counts toward what) are data evaluated by the pure engine in
`compliance.py`; these models hold only what a member did and what we sent them.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# NABP: accredited providers have up to 60 days from the activity to report it to CPE Monitor
# (reference §5, https://nabp.pharmacy/cpe-monitor-service/).
CPE_MONITOR_CLAIM_DAYS = 60


class Format(models.TextChoices):
    LIVE = "L", "Live"
    HOME_STUDY = "H", "Home study"
    BOTH = "B", "Live and home study (legacy B)"


class Audience(models.TextChoices):
    TECHNICIAN = "T", "Technician (T)"
    PHARMACIST = "P", "Pharmacist (P)"
    UNKNOWN = "", "Not stated"


class RecordKind(models.TextChoices):
    ACPE = "acpe", "ACPE-accredited CE"
    COLLEGE = "college", "College coursework"
    IN_SERVICE = "in_service", "In-service training"
    NON_ACPE = "non_acpe", "Other (not ACPE-accredited)"
    TRAINING = "training", "Required training (not hours)"


class Topic(models.TextChoices):
    # ACPE topic designators (reference §4, https://www.acpe-accredit.org/universal-activity-numbers/)
    DISEASE_STATE = "01", "01 Disease state management / drug therapy"
    AIDS = "02", "02 HIV/AIDS therapy"
    LAW = "03", "03 Law related to pharmacy practice"
    GENERAL = "04", "04 General pharmacy"
    PATIENT_SAFETY = "05", "05 Patient safety"
    IMMUNIZATIONS = "06", "06 Immunizations"
    COMPOUNDING = "07", "07 Compounding"
    OPIOIDS = "08", "08 Pain management / opioids"
    NONE = "", "Not stated"


class CeRecord(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "Entered by hand"
        PDF = "pdf", "From a certificate PDF"
        CSV = "csv", "Imported from CSV"

    class CpeMonitor(models.TextChoices):
        PENDING = "pending", "Not yet confirmed in CPE Monitor"
        CONFIRMED = "confirmed", "Confirmed in CPE Monitor"
        NOT_APPLICABLE = "n/a", "Not reported to CPE Monitor (not ACPE)"

    class ProofStatus(models.TextChoices):
        NONE = "", "No file"
        READ = "read", "Read"
        UNREADABLE = "unreadable", "Could not be read"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ce_records"
    )
    title = models.CharField(max_length=300)
    provider_name = models.CharField(max_length=200, blank=True)
    uan = models.CharField("ACPE UAN", max_length=30, blank=True)
    completed_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    format = models.CharField(max_length=1, choices=Format.choices, default=Format.HOME_STUDY)
    topic_code = models.CharField(max_length=2, choices=Topic.choices, blank=True)
    audience = models.CharField(max_length=1, choices=Audience.choices, blank=True)
    kind = models.CharField(max_length=12, choices=RecordKind.choices, default=RecordKind.ACPE)
    tags = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    proof_file = models.FileField(upload_to="ce-proof/", blank=True, max_length=200)
    proof_name = models.CharField(max_length=120, blank=True)
    proof_status = models.CharField(max_length=12, choices=ProofStatus.choices, blank=True)
    cpe_monitor_status = models.CharField(
        max_length=10, choices=CpeMonitor.choices, default=CpeMonitor.PENDING
    )
    cpe_monitor_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Same UAN and date as another of the member's records: shown, never merged.
    is_duplicate = models.BooleanField(default=False)
    notes = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [
            models.Index(fields=["member", "completed_on"], name="ce_record_member_date"),
            models.Index(fields=["member", "uan"], name="ce_record_member_uan"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=0) & models.Q(hours__lte=100),
                name="ce_record_hours_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_on})"

    @property
    def cpe_monitor_deadline(self) -> date:
        return self.completed_on + timedelta(days=CPE_MONITOR_CLAIM_DAYS)

    def cpe_monitor_days_left(self, today: date) -> int | None:
        if self.cpe_monitor_status != self.CpeMonitor.PENDING:
            return None
        return (self.cpe_monitor_deadline - today).days


class CertificateUpload(models.Model):
    """A certificate PDF waiting for the member to confirm what we read from it."""

    class Status(models.TextChoices):
        READ = "read", "Text read"
        UNREADABLE = "unreadable", "Could not be read"
        CONFIRMED = "confirmed", "Saved as a record"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ce_uploads"
    )
    file = models.FileField(upload_to="ce-proof/", max_length=200)
    original_name = models.CharField(max_length=120)
    status = models.CharField(max_length=12, choices=Status.choices)
    failure = models.CharField(max_length=200, blank=True)
    extracted_text = models.TextField(blank=True)
    found = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name


class CeProvider(models.Model):
    acpe_number = models.CharField(max_length=4, blank=True, db_index=True)
    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)
    # A CE provider account may list its own courses.
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    provider = models.ForeignKey(CeProvider, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=300)
    uan = models.CharField("ACPE UAN", max_length=30, blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    topic_code = models.CharField(max_length=2, choices=Topic.choices, blank=True)
    audience = models.CharField(max_length=1, choices=Audience.choices, blank=True)
    format = models.CharField(max_length=1, choices=Format.choices, default=Format.HOME_STUDY)
    tags = models.JSONField(default=list, blank=True)
    cost = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="Empty: unknown; 0: free"
    )
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "title", "uan"], name="unique_course")
        ]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a member's private iCalendar URL; rotating it kills the old URL."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ce_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"feed for {self.member}"


class ReminderSent(models.Model):
    """One row per reminder sent, so the cron command can run any number of times."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", "Renewal deadline"
        CPE_MONITOR = "cpe_monitor", "CPE Monitor claim window"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Credential code for deadlines; "record:<id>" for CPE Monitor windows.
    subject_key = models.CharField(max_length=80)
    deadline = models.DateField()
    threshold_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    # Which reminder run recorded the row: of two runs racing, each sends only its own rows.
    run_token = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind", "subject_key", "deadline", "threshold_days"],
                name="unique_reminder_sent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} {self.deadline} -{self.threshold_days}d"


class StaffAccessLog(models.Model):
    """Staff looked at a member's transcript; the reason is required and kept."""

    # The log outlives a staff account (PROTECT would block deleting it).
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    accessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accessed_at"]

    def __str__(self) -> str:
        return f"{self.staff} viewed {self.member}: {self.reason}"
