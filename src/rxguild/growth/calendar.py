"""Goals and milestones as an iCalendar feed (all-day events on their dates)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from icalendar import Calendar, Event

from rxguild.growth.models import Goal


def goals_ics(*, goals: Sequence[Goal], uid_domain: str, member_id: int) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//RxGuild//Goals//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "RxGuild goals")
    for goal in goals:
        event = Event()
        event.add("uid", f"goal-{goal.pk}-{member_id}@{uid_domain}")
        event.add("summary", f"Goal due: {goal.title}")
        event.add("dtstart", goal.target_date)
        event.add("dtend", goal.target_date + timedelta(days=1))
        event.add("description", f"{goal.progress} % done.")
        calendar.add_component(event)
        for milestone in goal.milestones.all():
            if milestone.due_on is None or milestone.done_at is not None:
                continue
            step = Event()
            step.add("uid", f"milestone-{milestone.pk}-{member_id}@{uid_domain}")
            step.add("summary", f"Milestone: {milestone.title} ({goal.title})")
            step.add("dtstart", milestone.due_on)
            step.add("dtend", milestone.due_on + timedelta(days=1))
            calendar.add_component(step)
    return calendar.to_ical()
