"""What happens inside a mentorship: check-ins on the calendar, notes, and the nudge when a
mentorship has gone quiet."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import NotificationKind
from rxguild.mentoring.models import (
    CheckIn,
    Mentorship,
    MentorshipNote,
)
from rxguild.mentoring.notices import name_of, tell

CHECK_IN_MINUTES = (15, 30, 45, 60)


@transaction.atomic
def check_in_schedule(
    *, mentorship: Mentorship, actor: User, starts_at: datetime, minutes: int = 30, agenda: str = ""
) -> CheckIn:
    """Schedule a check-in; the other member is emailed with a link to its .ics."""
    if actor.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied("Only the two members can schedule a check-in.")
    if not mentorship.is_open:
        raise ValidationError("This mentorship has ended.")
    errors: dict[str, str] = {}
    if starts_at < timezone.now():
        errors["starts_at"] = "Choose a time in the future."
    elif starts_at > timezone.now() + timedelta(days=366):
        errors["starts_at"] = "Schedule check-ins within the next year."
    if minutes not in CHECK_IN_MINUTES:
        errors["minutes"] = "Choose 15, 30, 45 or 60 minutes."
    if len(agenda.strip()) > 500:
        errors["agenda"] = "Keep the agenda under 500 characters."
    if errors:
        raise ValidationError(errors)
    check_in = CheckIn.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        minutes=minutes,
        agenda=agenda.strip(),
        created_by=actor,
    )
    other = mentorship.mentee if actor.pk == mentorship.mentor_id else mentorship.mentor
    when = f"{timezone.localtime(starts_at):%a %b %-d, %-I:%M %p}"
    tell(
        recipient=other,
        kind=NotificationKind.MENTORING_CHECK_IN,
        text=f"{name_of(actor)} scheduled a mentoring check-in on {when}.",
        subject="A mentoring check-in is scheduled",
        lines=[
            f"{name_of(actor)} scheduled a {minutes}-minute check-in on "
            f"{timezone.localtime(starts_at):%A %b %-d at %-I:%M %p} "
            f"({timezone.get_current_timezone_name()}).",
            *([f"Agenda: {check_in.agenda}"] if check_in.agenda else []),
            "Add it to your calendar from the mentorship page.",
        ],
        path=reverse("mentoring:mentorship", args=[mentorship.pk]),
    )
    return check_in


@transaction.atomic
def mentorship_note_add(
    *, mentorship: Mentorship, actor: User, body: str, shared: bool = False
) -> MentorshipNote:
    if actor.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied("Only the two members can write notes here.")
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the note first."})
    if len(body) > 4000:
        raise ValidationError({"body": "Keep notes under 4,000 characters."})
    return MentorshipNote.objects.create(
        mentorship=mentorship, author=actor, body=body, shared=shared
    )


# A mentorship with no check-in for this long is "quiet": both members get one nudge, then
# none again for the same span. Two weeks matches the "every two weeks" cadence programs ask.
QUIET_AFTER = timedelta(days=14)


def mentorships_quiet_nudge(*, now: datetime | None = None) -> int:
    """Email both members of each active mentorship that has had no check-in (past or
    planned) within QUIET_AFTER, at most once per QUIET_AFTER. Idempotent (rows locked and
    marked in the same transaction); returns how many mentorships were nudged."""
    now = now or timezone.now()
    since = now - QUIET_AFTER
    with transaction.atomic():
        quiet = list(
            Mentorship.objects.select_for_update(of=("self",))
            .filter(status=Mentorship.Status.ACTIVE, started_at__lte=since)
            .filter(models.Q(nudged_at__isnull=True) | models.Q(nudged_at__lte=since))
            .exclude(check_ins__starts_at__gte=since)
            .select_related("mentor__profile", "mentee__profile")
        )
        for mentorship in quiet:
            mentorship.nudged_at = now
            mentorship.save(update_fields=["nudged_at"])
            path = reverse("mentoring:mentorship", args=[mentorship.pk])
            for recipient, other in (
                (mentorship.mentor, mentorship.mentee),
                (mentorship.mentee, mentorship.mentor),
            ):
                tell(
                    recipient=recipient,
                    kind=NotificationKind.MENTORING_CHECK_IN,
                    text=f"No check-in with {name_of(other)} for two weeks: schedule one?",
                    subject="Time for a mentoring check-in?",
                    lines=[
                        f"You and {name_of(other)} haven't had a check-in for two weeks. "
                        "Schedule one, or pause the mentorship if now is not the time."
                    ],
                    path=path,
                    about=other,
                )
    return len(quiet)


# A check-in is "due" from a day before it starts: both members are told once.
REMIND_BEFORE = timedelta(hours=24)


def check_ins_remind(*, now: datetime | None = None) -> int:
    """Tell both members of each open mentorship's check-in that starts within REMIND_BEFORE
    (in the app and by email, as each chose). Idempotent: rows are locked and marked in the
    same transaction; returns how many check-ins were announced."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            CheckIn.objects.select_for_update(of=("self",))
            .filter(
                reminded_at__isnull=True,
                starts_at__gt=now,
                starts_at__lte=now + REMIND_BEFORE,
                mentorship__status__in=Mentorship.OPEN_STATUSES,
            )
            .select_related("mentorship__mentor__profile", "mentorship__mentee__profile")
        )
        for check_in in due:
            check_in.reminded_at = now
            check_in.save(update_fields=["reminded_at"])
            mentorship = check_in.mentorship
            when = f"{timezone.localtime(check_in.starts_at):%a %b %-d, %-I:%M %p}"
            for recipient, other in (
                (mentorship.mentor, mentorship.mentee),
                (mentorship.mentee, mentorship.mentor),
            ):
                tell(
                    recipient=recipient,
                    kind=NotificationKind.MENTORING_CHECK_IN,
                    text=f"Mentoring check-in with {name_of(other)} on {when}.",
                    subject="A mentoring check-in is coming up",
                    lines=[
                        f"Your {check_in.minutes}-minute check-in with {name_of(other)} is on "
                        f"{when} ({timezone.get_current_timezone_name()}).",
                        *([f"Agenda: {check_in.agenda}"] if check_in.agenda else []),
                    ],
                    path=reverse("mentoring:mentorship", args=[mentorship.pk]),
                )
    return len(due)
