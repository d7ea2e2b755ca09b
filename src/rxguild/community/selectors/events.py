"""Who may see an event, and whether they may see its online link."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from rxguild.accounts.viewer import Viewer
from rxguild.community.models import Event, EventInvitation, Membership, Rsvp
from rxguild.community.selectors.groups import group_access
from rxguild.community.services.common import is_site_moderator


@dataclass
class EventAccess:
    event: Event
    rsvp: Rsvp | None
    is_organizer: bool
    can_rsvp: bool

    @property
    def is_attendee(self) -> bool:
        return self.rsvp is not None and self.rsvp.status == Rsvp.Status.GOING

    @property
    def sees_online_link(self) -> bool:
        """The link is for attendees and the organizer only (it is the door to the room)."""
        return self.is_organizer or self.is_attendee


def _may_see(viewer: Viewer, event: Event, rsvp: Rsvp | None) -> bool:
    if viewer.is_authenticated and (event.organizer_id == viewer.pk or is_site_moderator(viewer)):
        return True
    if rsvp is not None:
        return True
    if event.visibility == Event.Visibility.INVITE:
        return (
            viewer.is_authenticated
            and EventInvitation.objects.filter(event=event, user=viewer).exists()
        )
    if event.group is not None and not group_access(viewer, event.group).can_read:
        return False
    if event.visibility == Event.Visibility.PUBLIC:
        return True
    # Members: signed in, and for a group's event an active member of that group.
    if not viewer.is_authenticated:
        return False
    if event.group_id is None:
        return True
    return Membership.objects.filter(
        group_id=event.group_id, user=viewer, status=Membership.Status.ACTIVE
    ).exists()


def event_get_for_viewer(viewer: Viewer, event_id: int) -> EventAccess:
    event = get_object_or_404(
        Event.objects.select_related("group", "organizer__profile"), pk=event_id
    )
    rsvp = (
        Rsvp.objects.filter(event=event, user=viewer).first() if viewer.is_authenticated else None
    )
    if not _may_see(viewer, event, rsvp):
        raise Http404("No such event.")
    return EventAccess(
        event=event,
        rsvp=rsvp,
        is_organizer=viewer.is_authenticated and event.organizer_id == viewer.pk,
        can_rsvp=viewer.is_authenticated,
    )


def event_accesses_for_list(viewer: Viewer, events: Iterable[Event]) -> list[EventAccess]:
    """What `viewer` may do with each of `events`, already found visible to them by
    `events_visible_to`: the same answers as `event_get_for_viewer`, with one query for the
    viewer's RSVPs instead of three per event."""
    events = list(events)
    rsvps = (
        {rsvp.event_id: rsvp for rsvp in Rsvp.objects.filter(user=viewer, event__in=events)}
        if viewer.is_authenticated and events
        else {}
    )
    return [
        EventAccess(
            event=event,
            rsvp=rsvps.get(event.pk),
            is_organizer=viewer.is_authenticated and event.organizer_id == viewer.pk,
            can_rsvp=viewer.is_authenticated,
        )
        for event in events
    ]


def events_visible_to(viewer: Viewer) -> QuerySet[Event]:
    """Events a viewer may see (list, API, public feed). The same rule as `_may_see`."""
    events = Event.objects.select_related("group").annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.GOING))
    )
    if is_site_moderator(viewer):
        return events
    public_groupless = Q(visibility=Event.Visibility.PUBLIC, group__isnull=True)
    public_in_public_group = Q(visibility=Event.Visibility.PUBLIC, group__visibility="public")
    if not viewer.is_authenticated:
        return events.filter(public_groupless | public_in_public_group)
    my_groups = Membership.objects.filter(user=viewer, status=Membership.Status.ACTIVE).values(
        "group_id"
    )
    invited = EventInvitation.objects.filter(user=viewer).values("event_id")
    mine = Rsvp.objects.filter(user=viewer).values("event_id")
    return events.filter(
        public_groupless
        | public_in_public_group
        | Q(visibility=Event.Visibility.MEMBERS, group__isnull=True)
        | (~Q(visibility=Event.Visibility.INVITE) & Q(group_id__in=my_groups))
        | Q(pk__in=invited)
        | Q(pk__in=mine)
        | Q(organizer=viewer)
    )


def upcoming_events(viewer: Viewer) -> QuerySet[Event]:
    return events_visible_to(viewer).filter(ends_at__gte=timezone.now()).order_by("starts_at")


def waitlist(event: Event) -> QuerySet[Rsvp]:
    return Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).order_by(
        "requested_at", "pk"
    )
