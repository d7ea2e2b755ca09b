"""Events, RSVP and cancel. The online link is shown only to attendees and the organizer
(`EventAccess.sees_online_link`), as on the pages and in .ics files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import group_slug_of
from rxguild.community.api.router import router
from rxguild.community.models import Event, Rsvp
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.selectors.events import (
    EventAccess,
    event_accesses_for_list,
    event_get_for_viewer,
    upcoming_events,
)
from rxguild.community.services import events


class EventOut(Schema):
    # An event as one viewer may see it, read from their `EventAccess`: the event's own
    # fields through `access.event`, the rest from what the access says.
    id: int = Field(validation_alias="event.id")
    title: str = Field(validation_alias="event.title")
    group: str | None
    starts_at: dt.datetime = Field(validation_alias="event.starts_at")
    ends_at: dt.datetime = Field(validation_alias="event.ends_at")
    time_zone: str = Field(validation_alias="event.time_zone")
    format: str = Field(validation_alias="event.format")
    address: str = Field(validation_alias="event.address")
    online_url: str | None
    capacity: int | None = Field(validation_alias="event.capacity")
    visibility: str = Field(validation_alias="event.visibility")
    my_rsvp: str | None

    @staticmethod
    def resolve_group(access: EventAccess) -> str | None:
        return group_slug_of(access.event)

    @staticmethod
    def resolve_online_url(access: EventAccess) -> str | None:
        return access.event.online_url if access.sees_online_link else None

    @staticmethod
    def resolve_my_rsvp(access: EventAccess) -> str | None:
        return access.rsvp.status if access.rsvp else None


class EventIn(Schema):
    title: str
    description: str = ""
    group: str | None = None
    starts_at: str
    ends_at: str
    time_zone: str = "America/New_York"
    format: str = Event.Format.ONLINE
    address: str = ""
    online_url: str = ""
    capacity: int | None = None
    visibility: str = Event.Visibility.MEMBERS
    acpe_uan: str = ""
    ce_hours: str = ""
    provider_name: str = ""


class RsvpOut(Schema):
    event_id: int
    status: str
    promoted_handle: str | None = None


@router.get("/events", response=list[EventOut])
def event_list(request: HttpRequest) -> Any:
    events = upcoming_events(request.user)[:200]
    return event_accesses_for_list(request.user, events)


@router.post("/events", response={201: EventOut})
def event_create(request: HttpRequest, payload: EventIn) -> Any:
    data = payload.dict()
    slug = data.pop("group")
    group = group_selectors.group_get_for_viewer(request.user, slug).group if slug else None
    event = events.event_create(actor=signed_in_member(request.user), group=group, data=data)
    return 201, event_get_for_viewer(request.user, event.pk)


@router.get("/events/{event_id}", response=EventOut)
def event_detail(request: HttpRequest, event_id: int) -> Any:
    return event_get_for_viewer(request.user, event_id)


@router.post("/events/{event_id}/rsvp", response={201: RsvpOut})
def event_rsvp(request: HttpRequest, event_id: int) -> Any:
    rsvp = events.rsvp_create(actor=signed_in_member(request.user), event_id=event_id)
    return 201, rsvp


@router.post("/events/{event_id}/cancel", response=RsvpOut)
def event_cancel(request: HttpRequest, event_id: int) -> Any:
    events.rsvp_cancel(actor=signed_in_member(request.user), event_id=event_id)
    # Who was promoted is the organizer's business: the canceller learns only that it worked.
    return {"event_id": event_id, "status": Rsvp.Status.CANCELLED, "promoted_handle": None}
