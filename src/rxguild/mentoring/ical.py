"""A check-in as an iCalendar (RFC 5545) file, for the two members of the mentorship only
(the view fetches it through access). It names the other member and links the mentorship
page; no contact details go in, since calendar files get forwarded."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as IcsEvent

from rxguild.community.selectors.connections import display_name
from rxguild.mentoring.models import CheckIn


def check_in_to_ical(check_in: CheckIn, *, viewer_id: int) -> bytes:
    mentorship = check_in.mentorship
    other = mentorship.mentee if viewer_id == mentorship.mentor_id else mentorship.mentor
    base = getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    page = base + reverse("mentoring:mentorship", args=[mentorship.pk])
    item = IcsEvent()
    item.add("uid", f"mentoring-check-in-{check_in.pk}@rxguild")
    item.add("summary", f"Mentoring check-in with {display_name(other)}")
    item.add("dtstart", check_in.starts_at)
    item.add("dtend", check_in.starts_at + timedelta(minutes=check_in.minutes))
    item.add("dtstamp", check_in.created_at)
    item.add("url", page)
    item.add("description", f"{check_in.agenda}\n\n{page}".strip())
    calendar = Calendar()
    calendar.add("prodid", "-//RxGuild//Mentoring check-ins//EN")
    calendar.add("version", "2.0")
    calendar.add_component(item)
    return calendar.to_ical()
