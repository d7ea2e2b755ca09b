"""The member profile: the professional billboard, with an audience per section."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Skill


class Audience(models.TextChoices):
    PUBLIC = "public", "Anyone (public)"
    MEMBERS = "members", "Signed-in members"
    RECRUITERS = "recruiters", "Recruiters only"
    PRIVATE = "private", "Only me"


def new_handle() -> str:
    return secrets.token_hex(5)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # The public URL is /p/<handle>/: derived from the name, editable by the member (rules in
    # handles.py); a handle given up becomes a HandleAlias, so old links keep working.
    # The random default is for profiles with no usable name yet.
    handle = models.SlugField(max_length=40, unique=True, default=new_handle)
    display_name = models.CharField(max_length=120, blank=True)
    headline = models.CharField(max_length=160, blank=True)
    brand_statement = models.TextField(
        max_length=4000, blank=True, help_text="Markdown; shown sanitized."
    )
    zip_code = models.CharField(max_length=5, blank=True)
    state = models.CharField(max_length=2, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    practice_settings = models.ManyToManyField(PracticeSetting, blank=True, related_name="+")
    photo = models.ImageField(upload_to="photos/", blank=True)

    is_public = models.BooleanField(
        default=False, help_text="Publish a public page at a stable URL."
    )
    location_audience = models.CharField(
        max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    photo_audience = models.CharField(
        max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    work_audience = models.CharField(
        max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    education_audience = models.CharField(
        max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    credentials_audience = models.CharField(
        max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    skills_audience = models.CharField(
        max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )

    # Private renewal details, never shown to anyone else or exported: some boards renew in the
    # holder's birth month or on their birthday (MD, DC, MA, NM, IA...). Month and day only; the
    # year is never asked because no rule needs it.
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(null=True, blank=True)
    # Situations some state rules depend on (rxguild.ce.rules.MEMBER_CONDITIONS), e.g.
    # "compounds_sterile" for Texas's sterile-compounding CE.
    ce_conditions = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.display_name or str(self.user)


class HandleAlias(models.Model):
    """A handle the member used before: /p/<old>/ redirects to the current one, and nobody
    else may take it (a shared link must never lead to someone else)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="handle_aliases")
    handle = models.SlugField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.handle} -> {self.profile_id}"


class OpenTo(models.Model):
    class Kind(models.TextChoices):
        JOBS = "jobs", "New jobs"
        MENTORING = "mentoring", "Mentoring others"
        MENTEE = "mentee", "Finding a mentor"
        INFO_INTERVIEWS = "info_interviews", "Informational interviews"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="open_to")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.MEMBERS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="unique_open_to_kind")
        ]

    def __str__(self) -> str:
        return f"{self.profile} open to {self.kind}"


class WorkExperience(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="work_history")
    employer = models.CharField(max_length=160)
    title = models.CharField(max_length=160)
    practice_setting = models.ForeignKey(
        PracticeSetting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    city = models.CharField(max_length=80, blank=True)
    state = models.CharField(max_length=2, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty while current.")
    summary = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer}"


class Education(models.Model):
    class Kind(models.TextChoices):
        TRAINING_PROGRAM = "training_program", "Technician training program"
        DEGREE = "degree", "Degree"
        DIPLOMA = "diploma", "Diploma / certificate"
        COURSE = "course", "Course"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(max_length=200)
    program = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TRAINING_PROGRAM)
    accreditation = models.CharField(max_length=200, blank=True, help_text="e.g. ASHP/ACPE")
    externship_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-end_date", "-start_date"]

    def __str__(self) -> str:
        return f"{self.program}, {self.institution}"


class CredentialHeld(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="credentials")
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="holders")
    number = models.CharField(max_length=60, blank=True)
    state = models.CharField(max_length=2, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["credential__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "credential", "state"], name="unique_credential_held"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} holds {self.credential}"


class ProfileSkill(models.Model):
    class Level(models.IntegerChoices):
        LEARNING = 1, "Learning"
        WORKING = 2, "Working knowledge"
        PROFICIENT = 3, "Proficient"
        EXPERT = 4, "Expert / can teach"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.WORKING)

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="unique_profile_skill")
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.skill}"
