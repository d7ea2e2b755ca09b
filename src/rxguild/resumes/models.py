"""Resumes a member builds (a master from the profile, tailored copies per posting) and the
original files they imported.

Sections are stored as structured JSON lists (entries with named keys) rather than one table
per section: a resume is always read and written whole (editor, exports, analysis), and a
tailored copy is a cheap row copy. `services` validates the shapes; nothing else writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ResumeTemplate(models.TextChoices):
    # Both are single-column, standard headings, no tables, no text boxes, no images:
    # only the type face and density differ, so every choice stays ATS-safe.
    CLASSIC = "classic", "Classic (serif headings, roomy)"
    COMPACT = "compact", "Compact (sans-serif, fits more on a page)"


class ResumeFile(models.Model):
    """An imported original (PDF or DOCX). Stored under a random name outside every served
    folder and never handed out: only its extracted text and findings are used."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_files"
    )
    file = models.FileField(upload_to="resume-imports/", max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    extracted_text = models.TextField(blank=True)
    # What ATS parsers trip on, found in the file: tables, text_boxes, images, headers_footers.
    findings = models.JSONField(default=list, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class Resume(models.Model):
    class Kind(models.TextChoices):
        MASTER = "master", "Master"
        TAILORED = "tailored", "Tailored"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes"
    )
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MASTER)
    tailored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="tailored_copies"
    )
    target_posting = models.ForeignKey(
        "jobs.JobPosting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posting_text = models.TextField(max_length=20000, blank=True)
    template = models.CharField(
        max_length=10, choices=ResumeTemplate.choices, default=ResumeTemplate.CLASSIC
    )
    source_file = models.ForeignKey(
        ResumeFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="resumes"
    )

    # Contact
    full_name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    location = models.CharField(max_length=120, blank=True)
    links = models.JSONField(default=list, blank=True)  # list[str]

    summary = models.TextField(max_length=3000, blank=True)
    # [{"title", "employer", "location", "dates", "bullets": [str]}]
    experience = models.JSONField(default=list, blank=True)
    # [{"program", "institution", "dates", "details": [str]}]
    education = models.JSONField(default=list, blank=True)
    certifications = models.JSONField(default=list, blank=True)  # list[str]
    skills = models.JSONField(default=list, blank=True)  # list[str]
    # [{"heading", "body"}]: volunteering, languages, awards...
    extra_sections = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "-updated_at"], name="resume_owner_updated")]

    def __str__(self) -> str:
        return self.title
