"""Events and RSVPs. Seats are never double-booked: every RSVP and cancel locks the event
row first (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction mode
in settings takes the database write lock at BEGIN), then counts and writes."""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.ce.uan import UanError, parse_uan
from rxguild.community.models import (
    CalendarToken,
    Event,
    EventInvitation,
    Group,
    NotificationKind,
    Rsvp,
)
from rxguild.community.selectors.events import event_get_for_viewer
from rxguild.community.selectors.groups import group_access
from rxguild.community.services.common import is_site_moderator, require_participant
from rxguild.community.services.notifications import notify
from rxguild.core.human_dates import human_datetime
from rxguild.core.mail import mail_send_after_commit

MAX_CAPACITY = 100_000
# Events happen within a human lifetime of now. The bound also keeps every moment far from
# datetime's own limits (years 1 and 9999), where converting between zones overflows and the
# event's page and calendar file would fail for everyone.
EARLIEST_EVENT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_EVENT = datetime(2100, 12, 31, 23, 59, tzinfo=UTC)


@functools.cache
def _time_zone_names() -> frozenset[str]:
    # Looked up in the IANA list rather than opened by name: ZoneInfo() treats the name as a
    # path and fails in many ways (too long, "..", NUL) before it says "not found".
    return frozenset(zoneinfo.available_timezones())


def _clean_event(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = str(data.get("title", "")).strip()
    if not title:
        errors["title"] = "Give the event a title."
    elif len(title) > 200:
        errors["title"] = "Keep the title under 200 characters."
    description = str(data.get("description", "")).strip()
    if len(description) > 8000:
        errors["description"] = "Keep the description under 8,000 characters."
    tz_name = str(data.get("time_zone", "")).strip() or "America/New_York"
    tz = None
    if tz_name in _time_zone_names():
        tz = zoneinfo.ZoneInfo(tz_name)
    else:
        shown = tz_name if len(tz_name) <= 60 else tz_name[:60] + "…"
        errors["time_zone"] = f"“{shown}” is not a time zone; use e.g. America/Chicago."

    def when(name: str, label: str) -> datetime | None:
        value = data.get(name)
        if isinstance(value, datetime):
            moment = value
        else:
            try:
                moment = datetime.fromisoformat(str(value or "").strip())
            except ValueError:
                errors[name] = f"Enter the {label} as date and time, e.g. 2026-03-14 18:30."
                return None
        if moment.tzinfo is None:
            if tz is None:
                return None
            moment = moment.replace(tzinfo=tz)  # local wall time where the event happens
        # Compared as naive UTC wall times: converting a moment near year 1 or 9999 to UTC
        # is itself what overflows.
        offset = moment.utcoffset() or timedelta(0)
        naive = moment.replace(tzinfo=None)
        if not (
            EARLIEST_EVENT.replace(tzinfo=None) + offset
            <= naive
            <= LATEST_EVENT.replace(tzinfo=None) + offset
        ):
            errors[name] = f"Enter a {label} between {EARLIEST_EVENT:%Y} and {LATEST_EVENT:%Y}."
            return None
        return moment

    starts_at = when("starts_at", "start")
    ends_at = when("ends_at", "end")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = "The event must end after it starts."
    fmt = str(data.get("format") or Event.Format.ONLINE)
    if fmt not in Event.Format.values:
        errors["format"] = "Choose in person or online."
    address = str(data.get("address", "")).strip()
    online_url = str(data.get("online_url", "")).strip()
    if fmt == Event.Format.IN_PERSON and not address:
        errors["address"] = "Enter the address of an in-person event."
    if fmt == Event.Format.ONLINE:
        if not online_url:
            errors["online_url"] = "Enter the link attendees use to join."
        else:
            try:
                URLValidator(schemes=["https", "http"])(online_url)
            except ValidationError:
                errors["online_url"] = "Enter a full link starting with https://."
    capacity_raw = data.get("capacity")
    capacity = None
    if capacity_raw not in (None, ""):
        try:
            capacity = int(str(capacity_raw))
        except ValueError:
            errors["capacity"] = "Capacity is a whole number (or empty for no limit)."
        else:
            if not 1 <= capacity <= MAX_CAPACITY:
                errors["capacity"] = f"Capacity is between 1 and {MAX_CAPACITY:,}."
    visibility = str(data.get("visibility") or Event.Visibility.MEMBERS)
    if visibility not in Event.Visibility.values:
        errors["visibility"] = "Choose who can see the event."
    uan = str(data.get("acpe_uan", "")).strip()
    hours = None
    if uan:
        try:
            uan = parse_uan(uan).normalized
        except UanError as error:
            errors["acpe_uan"] = str(error)
        try:
            hours = Decimal(str(data.get("ce_hours") or ""))
            if not hours.is_finite() or not Decimal("0") < hours <= Decimal("60"):
                raise InvalidOperation
        except InvalidOperation:
            errors["ce_hours"] = "Enter the contact hours the event awards (e.g. 1.5)."
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "description": description,
        "time_zone": tz_name,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "format": fmt,
        "address": address,
        "online_url": online_url,
        "capacity": capacity,
        "visibility": visibility,
        "acpe_uan": uan,
        "ce_hours": hours,
        "provider_name": str(data.get("provider_name", "")).strip()[:200],
    }


@transaction.atomic
def event_create(*, actor: User, group: Group | None, data: dict[str, Any]) -> Event:
    require_participant(actor)
    if group is None:
        if not is_site_moderator(actor):
            raise PermissionDenied("Only staff create events of the whole community.")
    elif not group_access(actor, group).can_moderate:
        raise PermissionDenied("Only the group's owners and moderators create its events.")
    return Event.objects.create(organizer=actor, group=group, **_clean_event(data))


@transaction.atomic
def event_invite(*, actor: User, event_id: int, invitee: User) -> EventInvitation:
    access = event_get_for_viewer(actor, event_id)
    if not access.is_organizer:
        raise PermissionDenied("Only the organizer invites people.")
    invitation, _ = EventInvitation.objects.get_or_create(event=access.event, user=invitee)
    return invitation


def _locked_event(event_id: int) -> Event:
    # The row lock serialises every RSVP change of one event on PostgreSQL.
    return Event.objects.select_for_update().get(pk=event_id)


def _going_count(event: Event) -> int:
    return Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).count()


@transaction.atomic
def rsvp_create(*, actor: User, event_id: int) -> Rsvp:
    """Take a seat, or a place on the waitlist when the event is full."""
    require_participant(actor)
    event_get_for_viewer(actor, event_id)  # 404 for those who may not see it
    event = _locked_event(event_id)
    if event.ends_at <= timezone.now():
        raise ValidationError("This event is over.")
    rsvp = Rsvp.objects.filter(event=event, user=actor).first()
    if rsvp is not None and rsvp.status != Rsvp.Status.CANCELLED:
        raise ValidationError(
            "You are already going."
            if rsvp.status == Rsvp.Status.GOING
            else "You are already on the waitlist."
        )
    full = event.capacity is not None and _going_count(event) >= event.capacity
    status = Rsvp.Status.WAITLISTED if full else Rsvp.Status.GOING
    if rsvp is None:
        rsvp = Rsvp.objects.create(event=event, user=actor, status=status)
    else:
        rsvp.status = status
        rsvp.requested_at = timezone.now()  # back of the queue after cancelling
        rsvp.save(update_fields=["status", "requested_at"])
    return rsvp


@transaction.atomic
def rsvp_cancel(*, actor: User, event_id: int) -> Rsvp | None:
    """Give up a seat (or a waitlist place). Returns the RSVP promoted into the seat."""
    event_get_for_viewer(actor, event_id)  # 404 for those who may not see it, or no such event
    event = _locked_event(event_id)
    rsvp = Rsvp.objects.filter(event=event, user=actor).first()
    if rsvp is None or rsvp.status == Rsvp.Status.CANCELLED:
        raise ValidationError("You have no RSVP to cancel.")
    was_going = rsvp.status == Rsvp.Status.GOING
    rsvp.status = Rsvp.Status.CANCELLED
    rsvp.save(update_fields=["status"])
    if not was_going:
        return None
    return _promote(event)


def _promote(event: Event) -> Rsvp | None:
    if event.capacity is not None and _going_count(event) >= event.capacity:
        return None
    nxt = (
        Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED)
        .order_by("requested_at", "pk")
        .first()
    )
    if nxt is None:
        return None
    nxt.status = Rsvp.Status.GOING
    nxt.save(update_fields=["status"])
    notify(
        recipient=nxt.user,
        kind=NotificationKind.EVENT_PROMOTED,
        text=f"A seat opened up: you're going to “{event.title}”.",
        url=reverse("community:event_detail", args=[event.pk]),
    )
    return nxt


@transaction.atomic
def attendance_confirm(*, actor: User, event_id: int, member_ids: list[int]) -> int:
    """The organizer confirms who attended. For an event with an ACPE number, each newly
    confirmed attendee gets a CE record in their transcript, still to be checked against
    CPE Monitor (the CE app marks it pending), so it is a draft until they confirm it."""
    from rxguild.ce.services import ce_record_add

    event = _locked_event(event_id)
    if event.organizer_id != actor.pk and not is_site_moderator(actor):
        raise PermissionDenied("Only the organizer confirms attendance.")
    if event.starts_at > timezone.now():
        raise ValidationError("Confirm attendance once the event has started.")
    rsvps = Rsvp.objects.filter(
        event=event,
        user_id__in=member_ids,
        status=Rsvp.Status.GOING,
        attended_confirmed_at__isnull=True,
    ).select_related("user")
    confirmed = 0
    for rsvp in rsvps:
        rsvp.attended_confirmed_at = timezone.now()
        if event.acpe_uan and event.ce_hours:
            record = ce_record_add(
                member=rsvp.user,
                data={
                    "title": event.title,
                    "provider_name": event.provider_name,
                    "uan": event.acpe_uan,
                    "completed_on": timezone.localtime(
                        event.starts_at, zoneinfo.ZoneInfo(event.time_zone)
                    ).date(),
                    "hours": str(event.ce_hours),
                },
                notes=f"Added when the organizer confirmed attendance at “{event.title}”. "
                "Check it against your CPE Monitor record.",
            )
            rsvp.ce_record_id = record.pk
        rsvp.save(update_fields=["attended_confirmed_at", "ce_record_id"])
        confirmed += 1
    return confirmed


def event_reminders_send(*, now: datetime | None = None, hours_ahead: int = 24) -> int:
    """Remind attendees of events starting within `hours_ahead`. Idempotent: each RSVP is
    claimed (reminded_at set) in the same transaction that sends its reminder."""
    now = now or timezone.now()
    sent = 0
    emails: list[EmailMessage] = []
    with transaction.atomic():
        due = (
            Rsvp.objects.select_for_update()
            .filter(
                status=Rsvp.Status.GOING,
                reminded_at__isnull=True,
                event__starts_at__gt=now,
                event__starts_at__lte=now + timedelta(hours=hours_ahead),
                user__is_active=True,
            )
            .select_related("event", "user")
        )
        for rsvp in due:
            event = rsvp.event
            local = timezone.localtime(event.starts_at, zoneinfo.ZoneInfo(event.time_zone))
            when = f"{local:%A}, {human_datetime(local)} ({event.time_zone})"
            notice = notify(
                recipient=rsvp.user,
                kind=NotificationKind.EVENT_REMINDER,
                text=f"Reminder: “{event.title}” starts {when}.",
                url=reverse("community:event_detail", args=[event.pk]),
            )
            # A reminder is worth an email of its own (the digest would come too late).
            if notice is not None and notice.emailed_at is None:
                emails.append(
                    EmailMessage(
                        subject=f"Reminder: {event.title}",
                        body=f"“{event.title}” starts {when}.\n"
                        "The event page has the details and the calendar file.",
                        to=[rsvp.user.email],
                    )
                )
                notice.emailed_at = now
                notice.save(update_fields=["emailed_at"])
            rsvp.reminded_at = now
            rsvp.save(update_fields=["reminded_at"])
            sent += 1
        mail_send_after_commit(emails)
    return sent


@transaction.atomic
def calendar_token_rotate(*, user: User) -> CalendarToken:
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)
