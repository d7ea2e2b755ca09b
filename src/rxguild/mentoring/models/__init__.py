"""Mentor and mentee enrolment, requests and mentorships.

A member enrols as a mentor (`MentorOffer`), a mentee (`MenteeWants`) or both; one row each at
most. Lists chosen from data/mentoring/options.toml (topics, languages, formats) are stored as
codes; specialties, settings and the target credential point at the catalog. Credentials a
mentor holds and the employer they work for are read from the profile at matching time, so
they are never stale copies here.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Now
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Specialization
from rxguild.core.deletion import keep_for

# Re-exported: every mentoring model is reached as rxguild.mentoring.models.<Name>.
from rxguild.mentoring.models.agreements import MEETING_MINUTES as MEETING_MINUTES
from rxguild.mentoring.models.agreements import Agreement as Agreement
from rxguild.mentoring.models.circles import CIRCLE_CAPACITY as CIRCLE_CAPACITY
from rxguild.mentoring.models.circles import Circle as Circle
from rxguild.mentoring.models.circles import CircleInvitation as CircleInvitation
from rxguild.mentoring.models.circles import CircleMember as CircleMember
from rxguild.mentoring.models.programs import Program as Program
from rxguild.mentoring.models.programs import ProgramPair as ProgramPair
from rxguild.mentoring.models.programs import ProgramParticipant as ProgramParticipant
from rxguild.mentoring.models.programs import ProgramQuestion as ProgramQuestion

USER = settings.AUTH_USER_MODEL


class MentorOffer(models.Model):
    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mentor_offer")
    specialties = models.ManyToManyField(Specialization, blank=True, related_name="+")
    practice_settings = models.ManyToManyField(PracticeSetting, blank=True, related_name="+")
    states = models.JSONField(default=list, blank=True, help_text="States they can speak for.")
    topics = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=40, blank=True)
    formats = models.JSONField(default=list, blank=True)
    in_person_miles = models.PositiveSmallIntegerField(null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(default=1)
    available_from = models.DateField(null=True, blank=True)
    available_until = models.DateField(null=True, blank=True)
    paused = models.BooleanField(default=False)
    about = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"mentor offer of {self.user_id}"

    def is_available_on(self, day: date) -> bool:
        """Taking mentees on `day`: not paused and inside the availability window."""
        if self.paused:
            return False
        if self.available_from is not None and day < self.available_from:
            return False
        return not (self.available_until is not None and day > self.available_until)


class MenteeWants(models.Model):
    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mentee_wants")
    target_credential = models.ForeignKey(
        Credential, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    specialties = models.ManyToManyField(Specialization, blank=True, related_name="+")
    practice_settings = models.ManyToManyField(PracticeSetting, blank=True, related_name="+")
    topics = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    formats = models.JSONField(default=list, blank=True)
    outside_employer = models.BooleanField(
        default=False, help_text="Only mentors who don't work where I work."
    )
    same_state = models.BooleanField(default=False, help_text="Only mentors in my state.")
    goal = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "mentee wants"

    def __str__(self) -> str:
        return f"mentee wants of {self.user_id}"


class MentorshipRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    mentee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request per pair: a second click must not queue a second request.
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=models.Q(status="pending"),
                name="mentoring_one_pending_request_per_pair",
            )
        ]
        indexes = [models.Index(fields=["mentor", "status"])]

    def __str__(self) -> str:
        return f"request {self.pk}: {self.mentee_id} -> {self.mentor_id} ({self.status})"


_ENDED_BY_DELETION = {
    "status": models.Case(
        models.When(status__in=["active", "paused"], then=models.Value("withdrawn")),
        default=models.F("status"),
    ),
    "ended_at": Coalesce(models.F("ended_at"), Now()),
}


class Mentorship(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATUSES = (Status.ACTIVE, Status.PAUSED)

    # Kept for the other member when one deletes their account, and ended if still open.
    mentor = models.ForeignKey(
        USER, null=True, on_delete=keep_for("mentee", **_ENDED_BY_DELETION), related_name="+"
    )
    mentee = models.ForeignKey(
        USER, null=True, on_delete=keep_for("mentor", **_ENDED_BY_DELETION), related_name="+"
    )
    request = models.OneToOneField(
        MentorshipRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    program = models.ForeignKey(
        "Program", null=True, blank=True, on_delete=models.SET_NULL, related_name="mentorships"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    goals = models.TextField(max_length=4000, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Set when one side leaves mentoring: the other is asked to close, nothing ends silently.
    close_requested_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_requested_at = models.DateTimeField(null=True, blank=True)
    # Each side's short rating (1-5) and comment when it ends: seen by its writer only.
    mentor_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    mentor_comment = models.CharField(max_length=1000, blank=True)
    mentee_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    mentee_comment = models.CharField(max_length=1000, blank=True)
    # When both were last nudged about a quiet mentorship (mentorships_quiet_nudge).
    nudged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=models.Q(status__in=["active", "paused"]),
                name="mentoring_one_open_mentorship_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"mentorship {self.pk}: {self.mentor_id} and {self.mentee_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Bookmark(models.Model):
    """A mentor a mentee keeps for later; offered next when a request expires or is declined."""

    mentee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="mentoring_unique_bookmark")
        ]

    def __str__(self) -> str:
        return f"bookmark {self.mentee_id} -> {self.mentor_id}"


AGENDA_TEMPLATE = """1. What does a typical shift look like in your role?
2. How did you get into this setting, and what would you do the same or differently?
3. Which credentials or training mattered most for getting hired?
4. What do new technicians find hardest here?
5. Who else would you suggest I talk to?"""


class InfoInterviewOffer(models.Model):
    """A member open to short informational interviews about their role and setting."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="info_offer")
    is_open = models.BooleanField(default=True)
    role_summary = models.CharField(
        max_length=300, help_text="Your role and setting, as a requester should know it."
    )
    practice_setting = models.ForeignKey(
        PracticeSetting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    monthly_cap = models.PositiveSmallIntegerField(default=2)
    contact = models.CharField(
        max_length=200, help_text="How to reach you: shared only with requests you accept."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"info interviews with {self.user_id}"


class InfoInterviewRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        TIMES_PROPOSED = "times_proposed", "Other times proposed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATUSES = (Status.PENDING, Status.TIMES_PROPOSED)

    requester = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    host = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField(default=15)
    agenda = models.TextField(max_length=3000)
    times = models.CharField(max_length=300, blank=True, help_text="Times that suit you.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    host_times = models.CharField(max_length=300, blank=True)
    host_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    # Set once the requester saved the outcome to their job tracker's interview log.
    tracker_interview = models.ForeignKey(
        "tracker.InformationalInterview",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "host"],
                condition=models.Q(status__in=["pending", "times_proposed"]),
                name="mentoring_one_open_info_request_per_pair",
            )
        ]
        indexes = [models.Index(fields=["host", "created_at"])]

    def __str__(self) -> str:
        return f"info interview {self.pk}: {self.requester_id} -> {self.host_id}"


class CheckIn(models.Model):
    """A scheduled meeting of a mentorship; either member schedules one and both get an .ics."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="check_ins")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=30)
    agenda = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # When both members were told it is soon (check_ins_remind), so they are told once.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"check-in {self.pk} of mentorship {self.mentorship_id}"


class MentorshipNote(models.Model):
    """A note on a mentorship: private to its author unless shared with the other member."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=4000)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk} on mentorship {self.mentorship_id}"
