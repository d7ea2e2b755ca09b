"""The application tracker and the employer's applicant pipeline.

A different audience from postings (the jobs app): everything here belongs to one member (their
tracker) or is the narrow slice of it a member chose to share with one employer by applying.
Who may read which field is decided in tracker/access.py.

The tables were made by the jobs app and keep their names (`jobs_trackedapplication`, ...):
the models moved here without moving a row (migration tracker 0001 / jobs 0010).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rxguild.tracker.board import STAGE_LABELS, Stage

__all__ = [
    "ApplicationContact",
    "ApplicationEvent",
    "ApplicationResume",
    "EmployerNote",
    "EmployerStage",
    "InformationalInterview",
    "TrackedApplication",
]

STAGE_CHOICES = [(stage.value, STAGE_LABELS[stage]) for stage in Stage]


def resume_upload_to(instance: ApplicationResume, filename: str) -> str:
    # A random name: the member's file name is kept only as display text, never as a path.
    suffix = PurePath(filename).suffix.lower()
    return f"job-resumes/{uuid.uuid4().hex}{suffix}"


class ApplicationResume(models.Model):
    """A resume file a member uploaded to apply with (until the resumes app generates them)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_resume_files"
    )
    file = models.FileField(upload_to=resume_upload_to)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "jobs_applicationresume"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class EmployerStage(models.Model):
    """An employer's own name for a step of their hiring process (defaults made on first use)."""

    employer = models.ForeignKey(
        "jobs.Employer", on_delete=models.CASCADE, related_name="pipeline_stages"
    )
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "jobs_employerstage"
        ordering = ["employer", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="unique_employer_stage_name")
        ]

    def __str__(self) -> str:
        return self.name


class TrackedApplication(models.Model):
    """One card on a member's board: an RxGuild posting or an external job.

    Title and organization are copied at creation so the card survives the posting being
    withdrawn or deleted. The `shared_*` fields are what the member sent with a one-click
    application: the only part of this row an employer ever sees.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_applications"
    )
    posting = models.ForeignKey(
        "jobs.JobPosting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracked_applications",
    )
    title = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    external_url = models.URLField(max_length=500, blank=True)
    description = models.TextField(max_length=20000, blank=True)

    stage = models.CharField(max_length=20, choices=STAGE_CHOICES, default=Stage.SAVED.value)
    position = models.PositiveIntegerField(default=0)
    notes = models.TextField(max_length=20000, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    # The follow-up date a reminder was last sent for: re-running the command sends nothing.
    follow_up_reminded_for = models.DateField(null=True, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    shared_resume = models.ForeignKey(
        ApplicationResume,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    shared_note = models.TextField(max_length=4000, blank=True)
    shared_name = models.CharField(max_length=200, blank=True)
    shared_email = models.EmailField(blank=True)
    shared_headline = models.CharField(max_length=200, blank=True)
    employer_stage = models.ForeignKey(
        EmployerStage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "jobs_trackedapplication"
        ordering = ["stage", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "posting"],
                condition=Q(posting__isnull=False),
                name="unique_tracked_posting_per_member",
            )
        ]
        indexes = [
            models.Index(fields=["member", "stage", "position"], name="tracked_board_idx"),
            models.Index(fields=["posting", "submitted_at"], name="tracked_applicants_idx"),
            models.Index(fields=["follow_up_on"], name="tracked_follow_up_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_external(self) -> bool:
        return self.posting_id is None and bool(self.external_url)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ApplicationContact(models.Model):
    application = models.ForeignKey(
        TrackedApplication, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = "jobs_applicationcontact"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ApplicationEvent(models.Model):
    """The timeline of an application. `shared` events (applied, the employer's stage moves)
    are seen by both sides; a member's own board moves are theirs alone."""

    class Kind(models.TextChoices):
        TRACKED = "tracked", "Tracked"
        APPLIED = "applied", "Applied"
        MEMBER_STAGE = "member_stage", "Moved on the board"
        EMPLOYER_STAGE = "employer_stage", "Status from the employer"

    application = models.ForeignKey(
        TrackedApplication, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(max_length=300)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "jobs_applicationevent"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.summary


class EmployerNote(models.Model):
    """A recruiter's internal note on an applicant: never shown to the applicant."""

    application = models.ForeignKey(
        TrackedApplication, on_delete=models.CASCADE, related_name="employer_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "jobs_employernote"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]


class InformationalInterview(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="informational_interviews"
    )
    person_name = models.CharField("whom", max_length=120)
    person_role = models.CharField("their role", max_length=120, blank=True)
    organization = models.CharField(max_length=200, blank=True)
    held_on = models.DateField("when")
    learned = models.TextField("what I learned", max_length=8000, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "jobs_informationalinterview"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.held_on})"
