"""Enrolling as a mentor or a mentee, editing, pausing and leaving.

Every list arrives as codes (catalog codes for specialties, settings and credentials; option
codes from data/mentoring/options.toml for the rest) and is checked here, once, for the pages
and the API alike. Leaving deletes the enrolment but ends nothing silently: pending requests
are withdrawn with a note to the other member, and each open mentorship is marked as asked to
close, so the other side sees it and closes it (with a rating) in their own time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import Credential, PracticeSetting, Specialization
from rxguild.community.models import NotificationKind
from rxguild.core.us_states import STATES_AND_DC
from rxguild.mentoring import options
from rxguild.mentoring.models import MenteeWants, MentorOffer, Mentorship, MentorshipRequest
from rxguild.mentoring.notices import name_of, tell

MAX_CAPACITY = 10
MAX_IN_PERSON_MILES = 500
# An availability window longer than this is almost surely a typo in the year.
MAX_WINDOW = timedelta(days=3 * 366)


def _unique(values: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for value in values:
        code = str(value).strip()
        if code and code not in cleaned:
            cleaned.append(code)
    return cleaned


def _codes(values: Sequence[str], allowed: Any, field: str, what: str) -> list[str]:
    cleaned = _unique(values)
    unknown = [code for code in cleaned if code not in allowed]
    if unknown:
        raise ValidationError({field: f"Unknown {what}: {', '.join(sorted(unknown)[:5])}."})
    return cleaned


def _catalog_rows(model: Any, codes: Sequence[str], field: str, what: str) -> list[Any]:
    cleaned = _unique(codes)
    rows = list(model.objects.filter(code__in=cleaned))
    missing = sorted(set(cleaned) - {row.code for row in rows})
    if missing:
        raise ValidationError({field: f"Unknown {what}: {', '.join(missing[:5])}."})
    return rows


@transaction.atomic
def mentor_offer_save(
    *,
    user: User,
    specialties: Sequence[str] = (),
    practice_settings: Sequence[str] = (),
    states: Sequence[str] = (),
    topics: Sequence[str] = (),
    languages: Sequence[str] = (),
    time_zone: str = "",
    formats: Sequence[str] = (),
    in_person_miles: int | None = None,
    capacity: int = 1,
    available_from: date | None = None,
    available_until: date | None = None,
    about: str = "",
) -> MentorOffer:
    """Enrol `user` as a mentor, or change what they offer. Pausing is its own operation."""
    errors: dict[str, str] = {}
    specialty_rows = _catalog_rows(Specialization, specialties, "specialties", "specialty")
    setting_rows = _catalog_rows(PracticeSetting, practice_settings, "practice_settings", "setting")
    state_codes = _codes([s.upper() for s in states], STATES_AND_DC | {"PR"}, "states", "state")
    topic_codes = _codes(topics, options.topics(), "topics", "topic")
    language_codes = _codes(languages, options.languages(), "languages", "language")
    format_codes = _codes(formats, options.FORMATS, "formats", "format")
    time_zone = time_zone.strip()
    if time_zone and time_zone not in options.time_zones():
        errors["time_zone"] = "Choose one of the listed time zones."
    if not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = f"Take between 1 and {MAX_CAPACITY} mentees at once."
    if "in_person" in format_codes:
        if in_person_miles is None or not 1 <= in_person_miles <= MAX_IN_PERSON_MILES:
            errors["in_person_miles"] = (
                f"Say how far you would travel to meet in person (1 to {MAX_IN_PERSON_MILES} "
                "miles)."
            )
    else:
        in_person_miles = None
    if not format_codes:
        errors["formats"] = "Choose at least one way to meet."
    if not topic_codes and not specialty_rows:
        errors["topics"] = "Choose at least one topic or specialty you can help with."
    if available_from and available_until:
        if available_until < available_from:
            errors["available_until"] = "The end of your availability is before its start."
        elif available_until - available_from > MAX_WINDOW:
            errors["available_until"] = "Keep the availability window under three years."
    about = about.strip()
    if len(about) > 2000:
        errors["about"] = "Keep this under 2,000 characters."
    if errors:
        raise ValidationError(errors)

    offer, _ = MentorOffer.objects.select_for_update().get_or_create(user=user)
    offer.states = state_codes
    offer.topics = topic_codes
    offer.languages = language_codes
    offer.time_zone = time_zone
    offer.formats = format_codes
    offer.in_person_miles = in_person_miles
    offer.capacity = capacity
    offer.available_from = available_from
    offer.available_until = available_until
    offer.about = about
    offer.save()
    offer.specialties.set(specialty_rows)
    offer.practice_settings.set(setting_rows)
    return offer


@transaction.atomic
def mentor_offer_pause(*, offer: MentorOffer, paused: bool) -> MentorOffer:
    """A paused mentor gets no new requests and no recommendations; open mentorships go on."""
    offer.paused = paused
    offer.save(update_fields=["paused", "updated_at"])
    return offer


@transaction.atomic
def mentee_wants_save(
    *,
    user: User,
    target_credential: str = "",
    specialties: Sequence[str] = (),
    practice_settings: Sequence[str] = (),
    topics: Sequence[str] = (),
    languages: Sequence[str] = (),
    formats: Sequence[str] = (),
    outside_employer: bool = False,
    same_state: bool = False,
    goal: str = "",
) -> MenteeWants:
    """Enrol `user` as a mentee, or change what they are looking for."""
    errors: dict[str, str] = {}
    credential = None
    if target_credential.strip():
        credential = Credential.objects.filter(code=target_credential.strip()).first()
        if credential is None:
            errors["target_credential"] = "Choose a credential from the list."
    specialty_rows = _catalog_rows(Specialization, specialties, "specialties", "specialty")
    setting_rows = _catalog_rows(PracticeSetting, practice_settings, "practice_settings", "setting")
    topic_codes = _codes(topics, options.topics(), "topics", "topic")
    language_codes = _codes(languages, options.languages(), "languages", "language")
    format_codes = _codes(formats, options.FORMATS, "formats", "format")
    if credential is None and not specialty_rows and not setting_rows and not topic_codes:
        errors.setdefault(
            "topics",
            "Say what you want help with: a credential, a specialty, a setting or a topic.",
        )
    goal = goal.strip()
    if len(goal) > 2000:
        errors["goal"] = "Keep this under 2,000 characters."
    if same_state:
        profile = getattr(user, "profile", None)
        if profile is None or not profile.state:
            errors["same_state"] = "Add your state to your profile first, then ask for it."
    if errors:
        raise ValidationError(errors)

    wants, _ = MenteeWants.objects.select_for_update().get_or_create(user=user)
    wants.target_credential = credential
    wants.topics = topic_codes
    wants.languages = language_codes
    wants.formats = format_codes
    wants.outside_employer = outside_employer
    wants.same_state = same_state
    wants.goal = goal
    wants.save()
    wants.specialties.set(specialty_rows)
    wants.practice_settings.set(setting_rows)
    return wants


@dataclass(frozen=True)
class LeaveOutcome:
    requests_withdrawn: int
    close_requested: int


def _leave(*, user: User, role: str) -> LeaveOutcome:
    now = timezone.now()
    side = {"mentor": user} if role == "mentor" else {"mentee": user}
    pending = list(
        MentorshipRequest.objects.select_for_update(of=("self",))
        .filter(status=MentorshipRequest.Status.PENDING, **side)
        .select_related("mentor__profile", "mentee__profile")
    )
    for request in pending:
        request.status = MentorshipRequest.Status.WITHDRAWN
        request.responded_at = now
        request.response_note = f"{name_of(user)} left mentoring as a {role}."
        request.save(update_fields=["status", "responded_at", "response_note"])
        other: User | None = request.mentee if role == "mentor" else request.mentor
        tell(
            recipient=other,
            # The mentee hears it as the answer to their request; the mentor, as a request.
            kind=NotificationKind.MENTORING_ANSWER
            if role == "mentor"
            else NotificationKind.MENTORING_REQUEST,
            text=f"{name_of(user)} left mentoring: the request between you is withdrawn.",
            subject="A mentoring request was withdrawn",
            lines=[
                f"{name_of(user)} has left mentoring, so the request between you is "
                "withdrawn. You can find other mentors on RxGuild."
            ],
            path=reverse("mentoring:home"),
            about=user,
        )
    open_ones = list(
        Mentorship.objects.select_for_update(of=("self",))
        .filter(status__in=Mentorship.OPEN_STATUSES, close_requested_at__isnull=True, **side)
        .select_related("mentor__profile", "mentee__profile")
    )
    for mentorship in open_ones:
        mentorship.close_requested_by = user
        mentorship.close_requested_at = now
        mentorship.save(update_fields=["close_requested_by", "close_requested_at"])
        other = mentorship.mentee if role == "mentor" else mentorship.mentor
        tell(
            recipient=other,
            kind=NotificationKind.MENTORING_MENTORSHIP,
            text=f"{name_of(user)} left mentoring and asks to close your mentorship.",
            subject="Your mentorship is asked to close",
            lines=[
                f"{name_of(user)} has left mentoring and asks to close your mentorship. "
                "Nothing has ended yet: close it when you are ready, with a short note."
            ],
            path=reverse("mentoring:mentorship", args=[mentorship.pk]),
            about=user,
        )
    return LeaveOutcome(requests_withdrawn=len(pending), close_requested=len(open_ones))


@transaction.atomic
def mentor_offer_leave(*, user: User) -> LeaveOutcome:
    MentorOffer.objects.filter(user=user).delete()
    return _leave(user=user, role="mentor")


@transaction.atomic
def mentee_wants_leave(*, user: User) -> LeaveOutcome:
    MenteeWants.objects.filter(user=user).delete()
    return _leave(user=user, role="mentee")
