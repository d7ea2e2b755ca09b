"""What a mentorship's page shows: its agreement, check-ins, notes and the close and rating
forms. Shared by the views that render the page again with a form's errors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from rxguild.growth.models import Goal
from rxguild.mentoring import access, selectors
from rxguild.mentoring.forms import AgreementForm, CheckInForm, CloseForm, NoteForm, RateForm
from rxguild.mentoring.models import Agreement, CheckIn, Mentorship, MentorshipNote

# A first proposal suggests three months, meeting every two weeks for half an hour.
FIRST_TERM_DAYS = 91


def growth_goal_choices(
    request: HttpRequest, mentorship: Mentorship
) -> list[tuple[int, str]] | None:
    if mentorship.mentee_id != request.user.pk:
        return None
    return list(
        Goal.objects.filter(member_id=request.user.pk, status=Goal.Status.ACTIVE)
        .order_by("target_date", "id")
        .values_list("pk", "title")
    )


def _initial(mentorship: Mentorship, state: selectors.AgreementState) -> dict[str, Any]:
    latest = state.pending or state.current
    if latest is None:
        return {
            "goals": mentorship.goals,
            "cadence": Agreement.Cadence.FORTNIGHTLY,
            "meeting_minutes": 30,
            "end_date": timezone.localdate() + timedelta(days=FIRST_TERM_DAYS),
        }
    return {
        "goals": latest.goals,
        "cadence": latest.cadence,
        "meeting_minutes": latest.meeting_minutes,
        "end_date": latest.end_date,
        "growth_goals": [str(goal.pk) for goal in latest.growth_goals.all()],
    }


def agreement_context(
    request: HttpRequest, mentorship: Mentorship, form: AgreementForm | None = None
) -> dict[str, Any]:
    state = selectors.agreement_state(mentorship)
    if form is None:
        form = AgreementForm(
            initial=_initial(mentorship, state),
            growth_goals=growth_goal_choices(request, mentorship),
        )
    is_mentor = mentorship.mentor_id == request.user.pk
    return {
        "mentorship": mentorship,
        "other": mentorship.mentee if is_mentor else mentorship.mentor,
        "agreement": state,
        "agreement_form": form,
        "may_accept_agreement": state.pending is not None
        and access.may_accept_agreement(request.user, state.pending),
    }


def mentorship_context(
    request: HttpRequest, mentorship: Mentorship, **forms: object
) -> dict[str, object]:
    is_mentor = mentorship.mentor_id == request.user.pk
    side = "mentor" if is_mentor else "mentee"
    agreement_form = forms.get("agreement_form")
    assert agreement_form is None or isinstance(agreement_form, AgreementForm)
    return {
        **agreement_context(request, mentorship, agreement_form),
        "check_ins": list(
            CheckIn.objects.filter(mentorship=mentorship, starts_at__gte=timezone.now())
        ),
        "notes": list(
            MentorshipNote.objects.filter(access.notes_visible_to(request.user, mentorship))
        ),
        "check_in_form": forms.get("check_in_form") or CheckInForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "mentorship": mentorship,
        "is_mentor": is_mentor,
        "other": mentorship.mentee if is_mentor else mentorship.mentor,
        "my_rating": getattr(mentorship, f"{side}_rating"),
        "my_comment": getattr(mentorship, f"{side}_comment"),
        "close_form": forms.get("close_form") or CloseForm(),
        "rate_form": forms.get("rate_form") or RateForm(),
        "may_rematch": access.may_rematch(request.user, mentorship),
        "rematch": selectors.rematch_for(request.user, mentorship),
    }
