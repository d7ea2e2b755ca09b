"""Competency frameworks (reference data from data/growth/), a member's self-assessments,
feedback from people without accounts, and goals.

A framework row is reference data owned by the loader; a competency dropped from its file is
retired (`is_active=False`), never deleted, because old ratings still point at it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rxguild.growth.engine import LEVEL_MAX, LEVEL_MIN


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    UNVERIFIED = "unverified", "Unverified"


class Framework(models.Model):
    class Kind(models.TextChoices):
        CORE = "core", "Core (PTCE)"
        SPECIALTY = "specialty", "Specialty"
        SOFT_SKILLS = "soft_skills", "Soft skills"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    position = models.IntegerField(default=100)
    summary = models.CharField(max_length=400)
    source = models.CharField(max_length=500)
    source_title = models.CharField(max_length=300)
    checked_on = models.DateField()
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(max_length=1000, blank=True)
    data_version = models.CharField(max_length=40)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def source_urls(self) -> list[str]:
        return [part.strip() for part in self.source.split(" ; ") if part.strip()]


class Domain(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    # Share of the exam (percent) where the source gives one, e.g. PTCE "Medications 40 %".
    weight = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    position = models.IntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["framework", "position"]

    def __str__(self) -> str:
        return self.name


class Competency(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="competencies")
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=400)
    # ACPE topic designators and keywords used to suggest CE courses for a weak area.
    ce_topics = models.JSONField(default=list, blank=True)
    ce_keywords = models.JSONField(default=list, blank=True)
    position = models.IntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["domain__position", "position"]
        verbose_name_plural = "competencies"

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    """One self-assessment of one framework. A new one never changes an old one: history."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="growth_assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    created_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["member", "framework", "created_at"], name="growth_assess_member")
        ]

    def __str__(self) -> str:
        return f"{self.framework} on {self.created_at:%Y-%m-%d}"


class Rating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="growth_rating_once"),
            models.CheckConstraint(
                condition=models.Q(level__gte=LEVEL_MIN) & models.Q(level__lte=LEVEL_MAX),
                name="growth_rating_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level}"


class StaffAccessLog(models.Model):
    """Staff opened a member's growth records; the reason is required and kept."""

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


class Goal(models.Model):
    """A member's goal. Completed goals stay as a record; only the member deletes one."""

    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        COMPLETED = "completed", "Completed"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="growth_goals"
    )
    title = models.CharField(max_length=200)
    note = models.TextField(max_length=2000, blank=True)
    target_date = models.DateField()
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # Optional links; each is checked against the member's own records by the service.
    competency = models.ForeignKey(
        Competency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    credential = models.ForeignKey(
        "catalog.Credential", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    course = models.ForeignKey(
        "ce.Course", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_job = models.ForeignKey(
        "tracker.TrackedApplication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optional: one requirement of the CE rules of a credential the member holds; progress is
    # then read from the compliance engine (growth.ce_link), not typed in.
    ce_credential_code = models.CharField(max_length=80, blank=True)
    ce_requirement_code = models.CharField(max_length=80, blank=True)
    # Optional: shared read-only with the mentor of one of the member's open mentorships.
    mentorship = models.ForeignKey(
        "mentoring.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_with_mentor = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The last reminder sent: for which target date and at which threshold (days before), so
    # the reminder command can run any number of times and a new target date re-arms it.
    reminded_for = models.DateField(null=True, blank=True)
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["status", "target_date", "id"]
        indexes = [models.Index(fields=["member", "status", "target_date"], name="growth_goal_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="growth_goal_progress_range"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class FeedbackRequest(models.Model):
    """A member asks people without accounts to rate them on chosen competencies.

    When `anonymous` is set the member sees answers only once at least three people answered,
    and then only as averages and unattributed comments.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="growth_feedback_requests"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    competencies = models.ManyToManyField(Competency, related_name="+")
    anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"feedback on {self.framework} for {self.member_id}"


class FeedbackInvite(models.Model):
    """One recipient of a request. The emailed link's digest (never the token) and the time it
    was used live here; the service locks this row to use the link exactly once."""

    class Relationship(models.TextChoices):
        SUPERVISOR = "supervisor", "Supervisor"
        PHARMACIST = "pharmacist", "Pharmacist"
        PRECEPTOR = "preceptor", "Preceptor"
        COLLEAGUE = "colleague", "Colleague"

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=100, blank=True)
    relationship = models.CharField(max_length=12, choices=Relationship.choices)
    link_digest = models.CharField(max_length=64, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)
    # When the current link was emailed (a resend moves it and replaces the digest).
    sent_at = models.DateTimeField(null=True, blank=True)
    resent_count = models.PositiveSmallIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "email"], name="growth_invite_once")
        ]

    def __str__(self) -> str:
        return f"invite {self.pk} ({self.relationship})"


class FeedbackAnswer(models.Model):
    invite = models.ForeignKey(FeedbackInvite, on_delete=models.CASCADE, related_name="answers")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # None: "can't say"
    comment = models.TextField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invite", "competency"], name="growth_answer_once"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True)
                | (models.Q(level__gte=LEVEL_MIN) & models.Q(level__lte=LEVEL_MAX)),
                name="growth_answer_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level}"


class FeedbackOptOut(models.Model):
    """An address that asked never to receive feedback requests. Stored as a digest: we keep
    no list of outside people's addresses just to honour an unsubscribe."""

    email_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email_digest[:12]


class Recommendation(models.Model):
    """A short written recommendation from one member to another. It appears on the
    receiver's profile only after they approve it, and they can take it down again."""

    class Relationship(models.TextChoices):
        WORKED_WITH = "worked_with", "Worked with them"
        SUPERVISED = "supervised", "Supervised them"
        TRAINED = "trained", "Trained or precepted them"
        MENTORED = "mentored", "Mentored them"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "On the profile"
        DECLINED = "declined", "Not shown"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    relationship = models.CharField(max_length=12, choices=Relationship.choices)
    body = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "receiver"],
                condition=models.Q(status="pending"),
                name="growth_one_pending_recommendation",
            )
        ]

    def __str__(self) -> str:
        return f"recommendation {self.pk} ({self.status})"
