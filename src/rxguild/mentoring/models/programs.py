"""Programs: a cohort run by an association's staff, its questionnaire, who joined with their
answers, and the proposal of "match everyone".

A program's questionnaire is its own (`ProgramQuestion`, edited by its staff). A choice
question may feed the program's match: its answers add points when mentor and mentee answer
alike ("prefer"), or must be alike for the two to be paired at all ("must match"). Answers
live on the participant as {question id: value}; services/questionnaire.py validates them.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from rxguild.mentoring.models.agreements import MEETING_MINUTES, Agreement

USER = settings.AUTH_USER_MODEL


class Program(models.Model):
    """A cohort run by an association's staff: an enrolment window, its own questionnaire and
    weights, a "match everyone" proposal that staff review and publish, and the agreement
    proposed to every pair it starts."""

    class Status(models.TextChoices):
        OPEN = "open", "Enrolment open"
        MATCHING = "matching", "Staff are matching"
        PUBLISHED = "published", "Matches published"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=160)
    organizer = models.CharField(max_length=160, help_text="The association running it.")
    description = models.TextField(max_length=4000, blank=True)
    enrol_opens = models.DateField()
    enrol_closes = models.DateField()
    # {factor: points}; empty means the defaults in data/mentoring/weights.toml.
    weights = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # Why each mentee was left out by the last "match everyone": {user id: words}.
    unmatched = models.JSONField(default=dict, blank=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # The agreement proposed on the program's behalf to every pair it starts; both members
    # accept it or propose changes, as with any agreement.
    agreement_goals = models.TextField(
        max_length=4000,
        blank=True,
        help_text="Goals proposed to every pair (empty: they set their own at the first check-in).",
    )
    agreement_cadence = models.CharField(
        max_length=12, choices=Agreement.Cadence.choices, default=Agreement.Cadence.FORTNIGHTLY
    )
    agreement_meeting_minutes = models.PositiveSmallIntegerField(
        choices=[(m, f"{m} minutes") for m in MEETING_MINUTES], default=30
    )
    agreement_months = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="How long the proposed agreement runs, from publishing.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enrol_opens", "name"]

    def __str__(self) -> str:
        return self.name

    def is_enrolling_on(self, day: date) -> bool:
        return self.status == self.Status.OPEN and self.enrol_opens <= day <= self.enrol_closes


class ProgramQuestion(models.Model):
    """One field of a program's questionnaire, asked of everyone who joins."""

    class Kind(models.TextChoices):
        TEXT = "text", "Short text"
        CHOICE = "choice", "One choice from a list"
        MULTIPLE = "multiple", "Any choices from a list"
        YES_NO = "yes_no", "Yes or no"

    class Factor(models.TextChoices):
        NONE = "", "Not used for matching"
        PREFER = "prefer", "Adds points when mentor and mentee answer alike"
        MUST_MATCH = "must_match", "Mentor and mentee must answer alike"

    CHOICE_KINDS = (Kind.CHOICE, Kind.MULTIPLE, Kind.YES_NO)
    YES_NO_CHOICES = ("Yes", "No")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    # The list to choose from (choice and multiple), as members read it; answers keep the text.
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    factor = models.CharField(max_length=10, choices=Factor.choices, blank=True, default="")
    # Points when mentor and mentee answer alike (scaled by the share of the mentee's choices
    # the mentor shares, as topics are); 0 with "must match" makes it a constraint only.
    weight = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="0 to 100 points."
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def options(self) -> tuple[str, ...]:
        """What a member may choose from (none for short text)."""
        if self.kind == self.Kind.YES_NO:
            return self.YES_NO_CHOICES
        if self.kind in (self.Kind.CHOICE, self.Kind.MULTIPLE):
            return tuple(str(c) for c in self.choices)
        return ()


class ProgramParticipant(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=6, choices=Role.choices)
    # {question id: text, or the list of choices picked}; seen by the member and program staff.
    answers = models.JSONField(default=dict, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "user", "role"], name="mentoring_one_role_per_program"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} as {self.role} in {self.program_id}"


class ProgramPair(models.Model):
    """One pair of the program's proposal, with the engine's score and reasons; `fixed`
    pairs were set or kept by staff and survive a re-run of "match everyone"."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    fixed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee"], name="mentoring_one_pair_per_mentee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} + {self.mentee_id} in {self.program_id}"
