"""Jobs: employers with recruiter members, and postings with schema.org JobPosting fields.

Saved searches and alerts live in `models_alerts.py` (imported at the bottom so Django registers
them with this app); the application tracker is the `tracker` app's.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Skill

# schema.org says a posting is valid until validThrough; we default to 30 days so stale
# ("ghost") jobs leave the board unless someone re-verifies them.
DEFAULT_VALIDITY = timedelta(days=30)


def default_valid_through() -> datetime:
    return timezone.now() + DEFAULT_VALIDITY


class Employer(models.Model):
    class Kind(models.TextChoices):
        HEALTH_SYSTEM = "health_system", "Health system / hospital"
        RETAIL_CHAIN = "retail_chain", "Retail chain"
        INDEPENDENT = "independent", "Independent pharmacy"
        MAIL_ORDER = "mail_order", "Mail-order pharmacy"
        NUCLEAR = "nuclear", "Nuclear pharmacy"
        LTC = "ltc", "Long-term care pharmacy"
        SPECIALTY = "specialty", "Specialty pharmacy"
        COMPOUNDING = "compounding", "Compounding pharmacy"
        PBM = "pbm", "Pharmacy benefit manager"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(blank=True)
    description = models.TextField(max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EmployerMember(models.Model):
    """A recruiter (or admin) who may post and manage jobs for an employer."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Administrator"
        RECRUITER = "recruiter", "Recruiter"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.RECRUITER)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employer", "user"], name="unique_employer_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.employer}"


class EmploymentType(models.TextChoices):
    # schema.org employmentType values (Google's job posting guide uses the same words).
    FULL_TIME = "FULL_TIME", "Full time"
    PART_TIME = "PART_TIME", "Part time"
    CONTRACTOR = "CONTRACTOR", "Contract"
    TEMPORARY = "TEMPORARY", "Temporary"
    PER_DIEM = "PER_DIEM", "Per diem"
    INTERN = "INTERN", "Internship / externship"


class Shift(models.TextChoices):
    DAY = "day", "Day"
    EVENING = "evening", "Evening"
    NIGHT = "night", "Night"
    ROTATING = "rotating", "Rotating"
    WEEKEND = "weekend", "Weekends"


class PayUnit(models.TextChoices):
    # schema.org QuantitativeValue unitText values.
    HOUR = "HOUR", "per hour"
    YEAR = "YEAR", "per year"


class LocationPrecision(models.TextChoices):
    POINT = "point", "The workplace's own location"
    ZIP = "zip", "The centre of its ZIP code"
    CITY = "city", "The centre of its city"


class JobPosting(models.Model):
    class Kind(models.TextChoices):
        JOB = "job", "Job"
        INTERNSHIP = "internship", "Internship"
        EXTERNSHIP = "externship", "Externship"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        EXPIRED = "expired", "Expired"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class LocationType(models.TextChoices):
        ON_SITE = "on_site", "On site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote (TELECOMMUTE)"

    # A stable public identifier (schema.org `identifier`), also the import de-duplication key
    # when the source gives no external id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        max_length=120, blank=True, help_text="The employer's own requisition id, for re-import."
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="postings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    title = models.CharField(max_length=200)
    description = models.TextField(max_length=20000, help_text="Markdown; shown sanitized.")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.JOB)
    employment_type = models.CharField(max_length=12, choices=EmploymentType.choices)
    shift = models.CharField(max_length=10, choices=Shift.choices, blank=True)
    practice_setting = models.ForeignKey(
        PracticeSetting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    experience_months = models.PositiveSmallIntegerField(default=0)

    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.ON_SITE
    )
    street_address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=80, blank=True)
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField(max_length=5, blank=True)
    # The workplace's own point when the employer gives it (form, import, JSON-LD geo);
    # otherwise the centre of its ZIP, or of its city, from the offline ZIP data. Distances
    # are measured to it, and `location_precision` says which it is, so pages can say when a
    # distance is only to a ZIP's or a city's centre.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    location_precision = models.CharField(
        max_length=5, choices=LocationPrecision.choices, blank=True, default="", db_default=""
    )
    # geo.cell_of(latitude, longitude): the indexed grid cell radius search prefilters on.
    geo_cell = models.IntegerField(null=True, blank=True, editable=False)

    pay_min = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_max = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_unit = models.CharField(max_length=4, choices=PayUnit.choices, blank=True)
    # The employer states the role is unpaid (externships often are); never inferred from
    # missing pay, which only means the posting does not say.
    unpaid = models.BooleanField(default=False, db_default=False)
    # pay_min expressed per hour (annual / 2080) so one filter and one sort cover both units.
    pay_hourly_min = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)

    skills = models.ManyToManyField(Skill, blank=True, related_name="+")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    date_posted = models.DateTimeField(null=True, blank=True)
    valid_through = models.DateTimeField(default=default_valid_through)
    last_verified_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # Denormalised search text (title, employer, description, skills), kept current by the
    # service layer; the FTS5 table on SQLite and `search_vector` on PostgreSQL index it.
    search_document = models.TextField(blank=True, editable=False)
    # Only used on PostgreSQL (null elsewhere, and null while not published); the GIN index
    # on it is created by migration 0001 on PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-date_posted", "-id"]
        indexes = [
            models.Index(fields=["status", "-date_posted"], name="jobs_status_posted"),
            models.Index(fields=["status", "valid_through"], name="jobs_status_valid"),
            # Radius search reads postings by grid cell; covering every filter and sort
            # column lets it answer from the index without reading the (wide) rows. `id`
            # is there for PostgreSQL, whose index-only scans return only indexed columns
            # (SQLite's indexes carry the rowid anyway).
            models.Index(
                fields=[
                    "geo_cell",
                    "status",
                    "valid_through",
                    "date_posted",
                    "pay_hourly_min",
                    "practice_setting",
                    "employment_type",
                    "shift",
                    "kind",
                    "latitude",
                    "longitude",
                    "id",
                ],
                name="jobs_geo_cover_id",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_posting_external_id",
            ),
            models.CheckConstraint(
                condition=models.Q(pay_min__isnull=True)
                | models.Q(pay_max__isnull=True)
                | models.Q(pay_min__lte=models.F("pay_max")),
                name="posting_pay_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer}"

    @property
    def is_internship(self) -> bool:
        return self.kind != self.Kind.JOB

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.valid_through > timezone.now()


class PostingCredential(models.Model):
    """A credential a posting requires or prefers (a schema.org
    EducationalOccupationalCredential reference into the catalog)."""

    posting = models.ForeignKey(
        JobPosting, on_delete=models.CASCADE, related_name="credential_requirements"
    )
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField(default=True, help_text="False means preferred.")

    class Meta:
        ordering = ["-required", "credential__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "credential"], name="unique_posting_credential"
            )
        ]
        indexes = [models.Index(fields=["credential", "required"], name="jobs_cred_req")]

    def __str__(self) -> str:
        kind = "requires" if self.required else "prefers"
        return f"{self.posting_id} {kind} {self.credential}"


# Saved searches and alerts (their own module; imported here so they register with this app).
from rxguild.jobs.models_alerts import *  # noqa: E402, F403
