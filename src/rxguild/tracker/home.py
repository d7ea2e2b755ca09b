"""The tracker's part of the dashboard and calendar: follow-up dates, informational
interviews and their next steps, and the pipeline (cards per stage).

Cost: one query for follow-ups, one for interviews; the pipeline adds one (a count per stage).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from rxguild.accounts.models import User
from rxguild.core.calendar_grid import CalendarItem, Kind
from rxguild.core.home import Contribution, HomeSource, Pipeline, PipelineStage, dashboard_window
from rxguild.tracker.board import BOARD_ORDER, STAGE_LABELS
from rxguild.tracker.models import InformationalInterview, TrackedApplication


def tracker_calendar(member: User, start: date, end: date) -> list[CalendarItem]:
    follow_ups = TrackedApplication.objects.filter(
        member=member, follow_up_on__gte=start, follow_up_on__lte=end
    ).order_by("follow_up_on", "id")
    items = [
        CalendarItem(
            day=card.follow_up_on,
            title=f"Follow up: {card.title}",
            kind=Kind.FOLLOW_UP,
            url=reverse("tracker:detail", args=[card.pk]),
            detail=card.organization or "Outside job",
            uid=f"follow-up-{card.pk}-{card.follow_up_on}",
        )
        for card in follow_ups
        if card.follow_up_on is not None
    ]
    interviews = InformationalInterview.objects.filter(
        Q(held_on__gte=start, held_on__lte=end) | Q(next_step_on__gte=start, next_step_on__lte=end),
        member=member,
    ).order_by("held_on", "id")
    url = reverse("tracker:interviews")
    for interview in interviews:
        who = interview.person_name + (
            f" ({interview.organization})" if interview.organization else ""
        )
        if start <= interview.held_on <= end:
            items.append(
                CalendarItem(
                    day=interview.held_on,
                    title=f"Informational interview: {who}",
                    kind=Kind.INTERVIEW,
                    url=url,
                    detail=interview.person_role,
                    uid=f"interview-{interview.pk}",
                )
            )
        if interview.next_step_on and start <= interview.next_step_on <= end:
            items.append(
                CalendarItem(
                    day=interview.next_step_on,
                    title=f"Next step: {interview.next_step or 'after your interview'}",
                    kind=Kind.FOLLOW_UP,
                    url=url,
                    detail=f"From your talk with {who}",
                    uid=f"interview-next-{interview.pk}",
                )
            )
    return items


def tracker_pipeline(member: User) -> Pipeline:
    counts = dict(
        TrackedApplication.objects.filter(member=member)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    return Pipeline(
        stages=tuple(
            PipelineStage(label=STAGE_LABELS[stage], count=counts.get(stage.value, 0))
            for stage in BOARD_ORDER
        ),
        url=reverse("tracker:board"),
    )


def tracker_dashboard(member: User, today: date) -> Contribution:
    start, end = dashboard_window(today)
    return Contribution(
        items=tuple(tracker_calendar(member, max(start, today), end)),
        pipeline=tracker_pipeline(member),
    )


SOURCE = HomeSource(
    name="tracker", calendar=tracker_calendar, dashboard=tracker_dashboard, order=30
)
