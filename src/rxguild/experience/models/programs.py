"""Training programs and their enrolments, and a program's own lists: cohorts, placement
sites and their preceptors, and the messages its coordinators sent to a cohort. Only the
program's coordinators change them (experience.access); students see their own cohort and site."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rxguild.experience.models.entries import ExperienceEntry


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


class Cohort(models.Model):
    program = models.ForeignKey(
        "experience.TrainingProgram", on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(max_length=120)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["program", "-starts_on", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="experience_cohort_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProgramSite(models.Model):
    """A pharmacy or hospital where the program places its students."""

    program = models.ForeignKey(
        "experience.TrainingProgram", on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["program", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="experience_site_name")
        ]

    def __str__(self) -> str:
        return self.name


class Preceptor(models.Model):
    """A preceptor the program works with at one of its sites: a list for coordinators, and the
    names students pick from when they ask for a sign-off or an evaluation."""

    program = models.ForeignKey(
        "experience.TrainingProgram", on_delete=models.CASCADE, related_name="preceptors"
    )
    site = models.ForeignKey(ProgramSite, on_delete=models.CASCADE, related_name="preceptors")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120)
    email = models.EmailField()

    class Meta:
        ordering = ["site__name", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}"


class CohortMessage(models.Model):
    """A message a coordinator emailed to a cohort (or the whole program): kept so coordinators
    see what was sent and to how many."""

    program = models.ForeignKey(
        "experience.TrainingProgram", on_delete=models.CASCADE, related_name="messages"
    )
    cohort = models.ForeignKey(Cohort, null=True, blank=True, on_delete=models.SET_NULL)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=5000)
    recipient_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject
