"""A mentorship's agreement: goals, how often they meet and for how long, and when it ends.

Each proposal is a row. Whoever proposes has agreed to it; it becomes the agreement when the
other member accepts. A newer proposal (from either side) replaces a pending one, and an
accepted one replaces the agreement before it, so the rows are the agreement's history and
at most one of each status "proposed" and "accepted" is live per mentorship.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

MEETING_MINUTES = (15, 30, 45, 60)


class Agreement(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the other member"
        ACCEPTED = "accepted", "Agreed by both"
        REPLACED = "replaced", "Replaced"

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Every month"

    # String references: this module is imported by models/__init__ before Mentorship exists.
    mentorship = models.ForeignKey(
        "mentoring.Mentorship", on_delete=models.CASCADE, related_name="agreements"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Proposed on a program's behalf when its publish started the mentorship (proposed_by is
    # then empty): both members accept it, `agreed_by` the first of them.
    program = models.ForeignKey(
        "mentoring.Program", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goals = models.TextField(max_length=4000)
    # The mentee's growth goals this agreement works on; each is shared with the mentor
    # through growth (Goal.mentorship), which decides who may read it.
    growth_goals = models.ManyToManyField("growth.Goal", blank=True, related_name="+")
    cadence = models.CharField(max_length=12, choices=Cadence.choices)
    meeting_minutes = models.PositiveSmallIntegerField(default=30)
    end_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship"],
                condition=models.Q(status="proposed"),
                name="mentoring_one_pending_agreement",
            ),
            models.UniqueConstraint(
                fields=["mentorship"],
                condition=models.Q(status="accepted"),
                name="mentoring_one_accepted_agreement",
            ),
        ]

    def __str__(self) -> str:
        return f"agreement {self.pk} of mentorship {self.mentorship_id} ({self.status})"
