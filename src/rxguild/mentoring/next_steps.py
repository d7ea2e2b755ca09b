"""Dashboard next steps from mentoring: requests waiting for the member's answer, agreements
waiting for them (proposed by the other member, or not proposed at all yet), check-ins in the
next two days, and open mentorships the other side asked to close."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.selectors.connections import display_name
from rxguild.core.next_steps import NextStep
from rxguild.mentoring.models import Agreement, CheckIn, Mentorship, MentorshipRequest


def mentoring_next_steps(user: User) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    steps = []
    waiting = MentorshipRequest.objects.filter(
        mentor=user, status=MentorshipRequest.Status.PENDING
    ).order_by("respond_by")
    count = waiting.count()
    if count:
        first = waiting.first()
        assert first is not None
        steps.append(
            NextStep(
                title=f"Answer {count} mentoring request{'s' if count != 1 else ''}",
                detail=f"The first expires on {first.respond_by:%b %-d}",
                url=reverse("mentoring:requests"),
                priority=18,
            )
        )
    steps += _agreement_steps(user)
    to_close = (
        Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user))
        .filter(status__in=Mentorship.OPEN_STATUSES, close_requested_at__isnull=False)
        .exclude(close_requested_by=user)
        .order_by("close_requested_at")[:2]
    )
    soon = timezone.now() + timedelta(days=2)
    steps += [
        NextStep(
            title="Mentoring check-in soon",
            detail=f"{timezone.localtime(check_in.starts_at):%a %b %-d, %-I:%M %p}"
            + (f" · {check_in.agenda}" if check_in.agenda else ""),
            url=reverse("mentoring:mentorship", args=[check_in.mentorship_id]),
            priority=16,
        )
        for check_in in CheckIn.objects.filter(
            Q(mentorship__mentor=user) | Q(mentorship__mentee=user),
            mentorship__status__in=Mentorship.OPEN_STATUSES,
            starts_at__gte=timezone.now(),
            starts_at__lte=soon,
        ).order_by("starts_at")[:2]
    ]
    steps += [
        NextStep(
            title="A mentorship is asked to close",
            detail="The other member left mentoring: close it with a short note",
            url=reverse("mentoring:mentorship", args=[mentorship.pk]),
            priority=25,
        )
        for mentorship in to_close
    ]
    return steps


def _agreement_steps(user: User) -> list[NextStep]:
    """One query: open mentorships where the other member's proposal waits for this one, and
    active ones with no agreement row at all (neither side has proposed yet)."""
    agreements = Agreement.objects.filter(mentorship=OuterRef("pk"))
    rows = (
        Mentorship.objects.filter(Q(mentor=user) | Q(mentee=user))
        .filter(status__in=Mentorship.OPEN_STATUSES)
        .annotate(
            waiting=Exists(
                agreements.filter(status=Agreement.Status.PROPOSED)
                .exclude(proposed_by=user)
                .exclude(agreed_by=user)
            ),
            program_proposed=Exists(
                agreements.filter(status=Agreement.Status.PROPOSED, proposed_by__isnull=True)
            ),
            has_agreement=Exists(agreements),
        )
        .filter(Q(waiting=True) | Q(has_agreement=False, status=Mentorship.Status.ACTIVE))
        .select_related("mentor__profile", "mentee__profile")
        .order_by("started_at")[:4]
    )
    steps = []
    for mentorship in rows:
        other = mentorship.mentee if mentorship.mentor_id == user.pk else mentorship.mentor
        url = reverse("mentoring:mentorship", args=[mentorship.pk])
        if mentorship.waiting:
            steps.append(
                NextStep(
                    title="A mentoring agreement is waiting for you",
                    detail=f"{display_name(other)} proposed it: accept it or propose changes"
                    if not mentorship.program_proposed
                    else "Your program proposed it: accept it or propose changes",
                    url=url,
                    priority=17,
                )
            )
        else:
            steps.append(
                NextStep(
                    title="Agree your mentorship's terms",
                    detail=f"With {display_name(other)}: goals, how often you meet, for how "
                    "long and until when",
                    url=url,
                    priority=20,
                )
            )
    return steps
