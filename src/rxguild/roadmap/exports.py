"""A plan as iCalendar: one all-day event per step on its due date."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from rxguild.roadmap.plan import Plan


def plan_ics(plan: Plan, *, member_id: int, uid_domain: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//RxGuild//Career roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"RxGuild plan: {plan.target.name}")
    for step in plan.steps:
        event = Event()
        event.add("uid", f"roadmap-{plan.target.code}-{step.code}-{member_id}@{uid_domain}")
        event.add("summary", f"{step.label} ({plan.target.name})")
        event.add("dtstart", step.due)
        event.add("dtend", step.due + dt.timedelta(days=1))
        cost = "" if step.cost is None else f" Cost from RxGuild's data: ${step.cost}."
        event.add(
            "description",
            f"Due date {'you set' if step.member_date else 'estimated'}: {step.estimate}.{cost}",
        )
        calendar.add_component(event)
    return bytes(calendar.to_ical())
