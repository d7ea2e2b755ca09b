from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.community import ical
from rxguild.community.forms import EventForm
from rxguild.community.models import CalendarToken, Event, Rsvp
from rxguild.community.selectors.events import (
    event_get_for_viewer,
    events_visible_to,
    upcoming_events,
    waitlist,
)
from rxguild.community.selectors.groups import group_get_for_viewer
from rxguild.community.services import events as event_services
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.core.markdown import render_markdown


def event_list(request: HttpRequest) -> HttpResponse:
    token = None
    if request.user.is_authenticated:
        token, _ = CalendarToken.objects.get_or_create(user=request.user)
    return render(
        request,
        "community/event_list.html",
        {"events": upcoming_events(request.user)[:100], "calendar_token": token},
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    group = None
    slug = request.GET.get("group") or request.POST.get("group")
    if slug:
        group = group_get_for_viewer(request.user, slug).group
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.event_create(
                actor=signed_in_member(request.user), group=group, data=form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Event “{event.title}” created.")
            return redirect("community:event_detail", event_id=event.pk)
    return render(
        request,
        "community/event_form.html",
        {"form": form, "group": group},
        status=400 if request.method == "POST" else 200,
    )


def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    access = event_get_for_viewer(request.user, event_id)
    event = access.event
    going = Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).count()
    attendees = []
    if access.is_organizer:
        attendees = list(
            Rsvp.objects.filter(event=event)
            .exclude(status=Rsvp.Status.CANCELLED)
            .select_related("user__profile")
            .order_by("status", "requested_at")
        )
    waitlist_position = None
    if access.rsvp is not None and access.rsvp.status == Rsvp.Status.WAITLISTED:
        ids = list(waitlist(event).values_list("pk", flat=True))
        waitlist_position = ids.index(access.rsvp.pk) + 1
    return render(
        request,
        "community/event_detail.html",
        {
            "access": access,
            "event": event,
            "description_html": render_markdown(event.description),
            "going": going,
            "seats_left": None if event.capacity is None else max(event.capacity - going, 0),
            "waitlist_position": waitlist_position,
            "attendees": attendees,
            "started": event.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def event_rsvp(request: HttpRequest, event_id: int, action: str) -> HttpResponse:
    try:
        if action == "rsvp":
            rsvp = event_services.rsvp_create(
                actor=signed_in_member(request.user), event_id=event_id
            )
            if rsvp.status == Rsvp.Status.GOING:
                messages.success(request, "You're going. The calendar file is on this page.")
            else:
                messages.success(request, "The event is full: you're on the waitlist.")
        elif action == "cancel":
            event_services.rsvp_cancel(actor=signed_in_member(request.user), event_id=event_id)
            messages.success(request, "Your RSVP is cancelled.")
        elif action == "confirm":
            ids = [int(x) for x in request.POST.getlist("member") if x.isdigit()]
            count = event_services.attendance_confirm(
                actor=signed_in_member(request.user), event_id=event_id, member_ids=ids
            )
            messages.success(request, f"Attendance confirmed for {count}.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect("community:event_detail", event_id=event_id)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    access = event_get_for_viewer(request.user, event_id)
    content = ical.events_to_ical(
        [(access.event, access.sees_online_link)], name=access.event.title
    )
    return _ics_response(content, f"rxguild-event-{access.event.pk}.ics")


def public_feed(request: HttpRequest) -> HttpResponse:
    """Upcoming events anyone may see; no online links (the feed is public)."""
    from django.contrib.auth.models import AnonymousUser

    events = events_visible_to(AnonymousUser()).filter(ends_at__gte=timezone.now())[:500]
    return _ics_response(
        ical.events_to_ical([(e, False) for e in events], name="RxGuild community events"),
        "rxguild-events.ics",
    )


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The events a member is going to, with their links: the token in the URL is the key."""
    row = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    if not row.user.is_active:
        raise Http404
    events = Event.objects.filter(rsvps__user=row.user, rsvps__status=Rsvp.Status.GOING).order_by(
        "starts_at"
    )[:500]
    return _ics_response(
        ical.events_to_ical([(e, True) for e in events], name="My RxGuild events"),
        "my-rxguild-events.ics",
    )


@login_required
@require_POST
def calendar_token_rotate(request: HttpRequest) -> HttpResponse:
    from rxguild.community.services.events import calendar_token_rotate as rotate

    rotate(user=signed_in_member(request.user))
    messages.success(request, "New feed address made; the old one no longer works.")
    return redirect(reverse("community:events"))
