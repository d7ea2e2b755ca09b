"""A mentorship's agreement: either member proposes the terms, the other accepts.

Both members' changes go through the mentorship's row lock, so two proposals sent at once
queue and the second replaces the first instead of tripping the "one pending" constraint.
Growth goals are the mentee's: only the mentee links them (each is then shared with the
mentor through growth's own service); a mentor's proposal keeps the links it found.

A program's publish proposes its default terms on the program's behalf (no member proposed
them, so both accept: the first is recorded as `agreed_by`, the second makes it the
agreement); either member may instead propose changes, which replaces it as usual.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import NotificationKind
from rxguild.core.human_dates import human_date
from rxguild.growth.models import Goal
from rxguild.growth.services.goals import goal_share_set
from rxguild.mentoring.models import MEETING_MINUTES, Agreement, Mentorship, Program
from rxguild.mentoring.notices import name_of, tell

GOALS_MAX = 4000
# An agreement runs for at most two years; longer plans are agreed again.
LONGEST_DAYS = 2 * 366


@dataclass(frozen=True)
class AgreementTerms:
    goals: str
    cadence: str
    meeting_minutes: int
    end_date: date


def _check_terms(terms: AgreementTerms) -> AgreementTerms:
    errors: dict[str, str] = {}
    goals = terms.goals.strip()
    if not goals:
        errors["goals"] = "Say what you will work on together."
    elif len(goals) > GOALS_MAX:
        errors["goals"] = f"Keep the goals under {GOALS_MAX:,} characters."
    if terms.cadence not in Agreement.Cadence.values:
        errors["cadence"] = "Choose every week, every two weeks or every month."
    if terms.meeting_minutes not in MEETING_MINUTES:
        errors["meeting_minutes"] = "Choose 15, 30, 45 or 60 minutes."
    today = timezone.localdate()
    if terms.end_date <= today:
        errors["end_date"] = "Choose an end date after today."
    elif terms.end_date > today + timedelta(days=LONGEST_DAYS):
        errors["end_date"] = "Choose an end date within two years."
    if errors:
        raise ValidationError(errors)
    return AgreementTerms(goals, terms.cadence, terms.meeting_minutes, terms.end_date)


def _same_terms(row: Agreement, terms: AgreementTerms, goal_ids: set[int]) -> bool:
    return (
        row.goals == terms.goals
        and row.cadence == terms.cadence
        and row.meeting_minutes == terms.meeting_minutes
        and row.end_date == terms.end_date
        and {g.pk for g in row.growth_goals.all()} == goal_ids
    )


def _growth_goals(
    *,
    mentorship: Mentorship,
    actor: User,
    growth_goal_ids: list[int] | None,
    latest: Agreement | None,
) -> list[Goal]:
    if actor.pk != mentorship.mentee_id or growth_goal_ids is None:
        # Carried over: only goals the mentee still shares with this mentorship (they may
        # have stopped sharing one in growth; nobody but them shares it again).
        return [
            goal
            for goal in (latest.growth_goals.all() if latest else [])
            if goal.mentorship_id == mentorship.pk and goal.shared_with_mentor
        ]
    wanted = set(growth_goal_ids)
    goals = list(
        Goal.objects.filter(member_id=actor.pk, pk__in=wanted, status=Goal.Status.ACTIVE).order_by(
            "target_date", "id"
        )
    )
    if len(goals) != len(wanted):
        raise ValidationError({"growth_goals": "Choose among your own goals in progress."})
    return goals


@transaction.atomic
def agreement_propose(
    *,
    mentorship: Mentorship,
    actor: User,
    terms: AgreementTerms,
    growth_goal_ids: list[int] | None = None,
) -> Agreement:
    """Propose the agreement, or changes to it; the proposer agrees by proposing. A pending
    proposal (either member's) is replaced. `growth_goal_ids` is the mentee's to set; None
    keeps the goals already linked."""
    if actor.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied("Only the two members can propose an agreement.")
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not mentorship.is_open:
        raise ValidationError("This mentorship has ended.")
    terms = _check_terms(terms)
    live = list(
        Agreement.objects.filter(
            mentorship=mentorship,
            status__in=[Agreement.Status.PROPOSED, Agreement.Status.ACCEPTED],
        ).prefetch_related("growth_goals")
    )
    pending = next((a for a in live if a.status == Agreement.Status.PROPOSED), None)
    accepted = next((a for a in live if a.status == Agreement.Status.ACCEPTED), None)
    goals = _growth_goals(
        mentorship=mentorship,
        actor=actor,
        growth_goal_ids=growth_goal_ids,
        latest=pending or accepted,
    )
    goal_ids = {g.pk for g in goals}
    if accepted is not None and pending is None and _same_terms(accepted, terms, goal_ids):
        raise ValidationError("That is the agreement you already have: change something first.")
    if pending is not None:
        pending.status = Agreement.Status.REPLACED
        pending.save(update_fields=["status"])
    agreement = Agreement.objects.create(
        mentorship=mentorship,
        proposed_by=actor,
        goals=terms.goals,
        cadence=terms.cadence,
        meeting_minutes=terms.meeting_minutes,
        end_date=terms.end_date,
    )
    agreement.growth_goals.set(goals)
    if actor.pk == mentorship.mentee_id:
        for goal in goals:
            if goal.mentorship_id != mentorship.pk or not goal.shared_with_mentor:
                goal_share_set(goal=goal, mentorship_id=mentorship.pk)
    other = mentorship.mentee if actor.pk == mentorship.mentor_id else mentorship.mentor
    changes = accepted is not None
    tell(
        recipient=other,
        kind=NotificationKind.MENTORING_AGREEMENT,
        text=(
            f"{name_of(actor)} proposes changes to your mentoring agreement."
            if changes
            else f"{name_of(actor)} proposes your mentoring agreement."
        ),
        subject=(
            f"{name_of(actor)} proposes changes to your mentoring agreement"
            if changes
            else f"{name_of(actor)} proposes your mentoring agreement"
        ),
        lines=[
            f"{name_of(actor)} proposes: {agreement.get_cadence_display().lower()}, "
            f"{agreement.meeting_minutes} minutes, until {human_date(agreement.end_date)}.",
            "Read it and accept it, or propose changes.",
        ],
        path=reverse("mentoring:mentorship", args=[mentorship.pk]),
    )
    return agreement


def _months_after(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def program_terms(program: Program) -> AgreementTerms:
    """The terms a program proposes to each pair it starts today."""
    goals = program.agreement_goals.strip() or (
        f"What each of you wants from {program.name}: agree concrete goals at your first check-in."
    )
    return _check_terms(
        AgreementTerms(
            goals=goals,
            cadence=program.agreement_cadence,
            meeting_minutes=program.agreement_meeting_minutes,
            end_date=_months_after(timezone.localdate(), program.agreement_months),
        )
    )


def agreement_propose_for_program(*, mentorship: Mentorship, program: Program) -> Agreement:
    """The program's terms, proposed on its behalf to a mentorship its publish started (the
    caller tells both members, with the news of the match)."""
    terms = program_terms(program)
    return Agreement.objects.create(
        mentorship=mentorship,
        program=program,
        goals=terms.goals,
        cadence=terms.cadence,
        meeting_minutes=terms.meeting_minutes,
        end_date=terms.end_date,
    )


@transaction.atomic
def agreement_accept(*, agreement: Agreement, actor: User) -> Agreement:
    """The other member accepts a proposal: it becomes the agreement, replacing the last. A
    program's proposal needs both: the first to accept is recorded and the other is told."""
    mentorship = Mentorship.objects.select_for_update().get(pk=agreement.mentorship_id)
    if actor.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied("Only the two members can accept an agreement.")
    agreement = Agreement.objects.get(pk=agreement.pk)
    if agreement.status != Agreement.Status.PROPOSED:
        raise ValidationError("This proposal is no longer open: read the latest one.")
    if agreement.proposed_by_id == actor.pk:
        raise ValidationError("You proposed this: the other member accepts it.")
    if agreement.agreed_by_id == actor.pk:
        raise ValidationError("You accepted this already: the other member accepts it too.")
    if not mentorship.is_open:
        raise ValidationError("This mentorship has ended.")
    if agreement.proposed_by_id is None and agreement.agreed_by_id is None:
        agreement.agreed_by = actor
        agreement.save(update_fields=["agreed_by"])
        other = mentorship.mentee if actor.pk == mentorship.mentor_id else mentorship.mentor
        tell(
            recipient=other,
            kind=NotificationKind.MENTORING_AGREEMENT,
            text=f"{name_of(actor)} accepted the agreement your program proposed.",
            subject=f"{name_of(actor)} accepted your mentoring agreement",
            lines=[
                f"{name_of(actor)} accepted the agreement the program proposed.",
                "Accept it too, or propose changes.",
            ],
            path=reverse("mentoring:mentorship", args=[mentorship.pk]),
        )
        return agreement
    Agreement.objects.filter(mentorship=mentorship, status=Agreement.Status.ACCEPTED).update(
        status=Agreement.Status.REPLACED
    )
    agreement.status = Agreement.Status.ACCEPTED
    agreement.accepted_at = timezone.now()
    agreement.save(update_fields=["status", "accepted_at"])
    first = agreement.proposed_by or agreement.agreed_by
    if first is not None:
        tell(
            recipient=first,
            kind=NotificationKind.MENTORING_AGREEMENT,
            text=f"{name_of(actor)} accepted your mentoring agreement.",
            subject=f"{name_of(actor)} accepted your mentoring agreement",
            lines=[
                f"{name_of(actor)} accepted the agreement "
                f"{'you proposed' if agreement.proposed_by_id else 'the program proposed'}. "
                "You are both agreed."
            ],
            path=reverse("mentoring:mentorship", args=[mentorship.pk]),
        )
    return agreement
