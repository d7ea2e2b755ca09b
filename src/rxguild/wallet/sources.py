"""What this instance can vouch for, per member: the sources of the badges it issues.

Only facts someone other than the member confirmed count:
- verified experience: an experience entry a supervisor or preceptor confirmed by signed link
  (experience.ExperienceVerification, status confirmed);
- externship completion: an externship or internship whose required hours are all signed by
  the preceptor (experience's own hours engine decides);
- event attendance: an event whose organizer confirmed the member attended
  (community.Rsvp.attended_confirmed_at).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from rxguild.accounts.models import User
from rxguild.community.models import Rsvp
from rxguild.core.human_dates import human_date
from rxguild.experience.models import (
    EntryKind,
    ExperienceEntry,
    ExperienceVerification,
    VerificationStatus,
)
from rxguild.experience.selectors import hour_log_for_entry
from rxguild.wallet.models import BadgeKind


@dataclass(frozen=True)
class BadgeSource:
    kind: str
    source_id: int
    name: str
    description: str
    narrative: str  # who confirmed what, and when


def _experience(member: User) -> list[BadgeSource]:
    found = []
    verifications = ExperienceVerification.objects.filter(
        entry__member=member, status=VerificationStatus.CONFIRMED
    ).select_related("entry")
    for verification in verifications:
        entry = verification.entry
        until = human_date(entry.ended_on) if entry.ended_on else "present"
        on = human_date(verification.verified_on) if verification.verified_on else "—"
        found.append(
            BadgeSource(
                kind=BadgeKind.EXPERIENCE,
                source_id=verification.pk,
                name=f"Verified experience: {entry.role}, {entry.site_name}",
                description=(
                    f"{entry.get_kind_display()} as {entry.role} at {entry.site_name}, "
                    f"{human_date(entry.started_on)} to {until}."
                ),
                narrative=(
                    f"Verified by {verification.verifier_name}, {verification.verifier_role}, "
                    f"{verification.verifier_site} on {on}, through a signed single-use link."
                ),
            )
        )
    return found


def _externships(member: User) -> list[BadgeSource]:
    found = []
    entries = ExperienceEntry.objects.filter(
        member=member,
        kind__in=[EntryKind.EXTERNSHIP, EntryKind.INTERNSHIP],
        required_hours__gt=0,
    )
    for entry in entries:
        progress = hour_log_for_entry(entry).progress
        if progress.remaining != 0:
            continue
        found.append(
            BadgeSource(
                kind=BadgeKind.EXTERNSHIP,
                source_id=entry.pk,
                name=f"{entry.get_kind_display()} completed: {entry.site_name}",
                description=(
                    f"Completed the {entry.required_hours} required hours of "
                    f"{entry.get_kind_display().lower()} as {entry.role} at {entry.site_name}."
                ),
                narrative=(
                    f"{progress.signed} hours signed off by the preceptor, period by period, "
                    "through signed single-use links."
                ),
            )
        )
    return found


def _events(member: User) -> list[BadgeSource]:
    rsvps = Rsvp.objects.filter(user=member, attended_confirmed_at__isnull=False).select_related(
        "event"
    )
    return [
        BadgeSource(
            kind=BadgeKind.EVENT,
            source_id=rsvp.pk,
            name=f"Attended: {rsvp.event.title}",
            description=(
                f"Attended {rsvp.event.title} on {human_date(rsvp.event.starts_at.date())}."
            ),
            narrative=(
                "Attendance confirmed by the event's organizer on "
                f"{human_date(rsvp.attended_confirmed_at.date())}."  # type: ignore[union-attr]  # filtered not null
            ),
        )
        for rsvp in rsvps
    ]


def badge_sources(member: User) -> list[BadgeSource]:
    return [*_experience(member), *_externships(member), *_events(member)]


def badge_source_get(member: User, *, kind: str, source_id: int) -> BadgeSource:
    """The source, if this member's record still supports it; ValidationError otherwise."""
    for source in badge_sources(member):
        if source.kind == kind and source.source_id == source_id:
            return source
    raise ValidationError(
        "This site cannot vouch for that: only confirmed experience, completed externships "
        "and confirmed event attendance become badges."
    )
