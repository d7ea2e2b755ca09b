"""Informational interviews: a member opens their role to short chats (with a monthly cap),
another asks with an agenda, the host accepts, declines or proposes other times. The host's
contact details are shown to the requester only once accepted; the requester can then save
the outcome to their job tracker's informational-interview log in one step.

Limits as in community: a block either way stops a request (404 before it gets here), a
suspended member can't ask, and new members (community trust level NEW) may send fewer
requests a day than established ones.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import PracticeSetting
from rxguild.community import trust
from rxguild.community.models import NotificationKind
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.community.services.common import require_participant, trust_limits_for
from rxguild.core.ratelimit import rate_limit_check
from rxguild.mentoring.models import InfoInterviewOffer, InfoInterviewRequest
from rxguild.mentoring.notices import name_of, tell
from rxguild.tracker.services.interviews import informational_interview_add

MINUTES = (15, 30)
MAX_MONTHLY_CAP = 10
REQUESTS_PER_DAY = {trust.NEW: 2}
DEFAULT_REQUESTS_PER_DAY = 5


@transaction.atomic
def info_offer_save(
    *,
    user: User,
    role_summary: str,
    contact: str,
    monthly_cap: int = 2,
    practice_setting: str = "",
    is_open: bool = True,
) -> InfoInterviewOffer:
    errors: dict[str, str] = {}
    role_summary, contact = role_summary.strip(), contact.strip()
    if not role_summary:
        errors["role_summary"] = "Say what your role and setting are."
    if not contact:
        errors["contact"] = "Say how an accepted requester should reach you."
    if not 1 <= monthly_cap <= MAX_MONTHLY_CAP:
        errors["monthly_cap"] = f"Take between 1 and {MAX_MONTHLY_CAP} chats a month."
    setting = None
    if practice_setting:
        setting = PracticeSetting.objects.filter(code=practice_setting).first()
        if setting is None:
            errors["practice_setting"] = "Choose a setting from the list."
    if errors:
        raise ValidationError(errors)
    offer, _ = InfoInterviewOffer.objects.update_or_create(
        user=user,
        defaults={
            "role_summary": role_summary[:300],
            "contact": contact[:200],
            "monthly_cap": monthly_cap,
            "practice_setting": setting,
            "is_open": is_open,
        },
    )
    return offer


def _this_month_count(host_id: int) -> int:
    start = timezone.localdate().replace(day=1)
    return InfoInterviewRequest.objects.filter(
        host_id=host_id,
        created_at__date__gte=start,
        status__in=[*InfoInterviewRequest.OPEN_STATUSES, InfoInterviewRequest.Status.ACCEPTED],
    ).count()


@transaction.atomic
def info_request_send(
    *, requester: User, offer: InfoInterviewOffer, minutes: int, agenda: str, times: str = ""
) -> InfoInterviewRequest:
    """Ask the host of `offer` (reached through access, which hides blocked members)."""
    require_participant(requester)
    if offer.user_id == requester.pk:
        raise ValidationError("You can't ask yourself.")
    if is_blocked_between(requester, offer.user):
        raise PermissionDenied("You can't ask this member.")
    errors: dict[str, str] = {}
    if minutes not in MINUTES:
        errors["minutes"] = "Ask for 15 or 30 minutes."
    agenda = agenda.strip()
    if not agenda:
        errors["agenda"] = "Write the questions you'd like to ask."
    elif len(agenda) > 3000:
        errors["agenda"] = "Keep the agenda under 3,000 characters."
    if len(times.strip()) > 300:
        errors["times"] = "Keep this under 300 characters."
    if errors:
        raise ValidationError(errors)
    # Locked so two requests at once can't both take the host's last chat of the month.
    offer = InfoInterviewOffer.objects.select_for_update().get(pk=offer.pk)
    if not offer.is_open:
        raise ValidationError("This member isn't taking informational interviews now.")
    if _this_month_count(offer.user_id) >= offer.monthly_cap:
        raise ValidationError("This member has had all the chats they offer this month.")
    level = trust_limits_for(requester).level
    rate_limit_check(
        key=f"mentoring:info:{requester.pk}",
        limit=REQUESTS_PER_DAY.get(level, DEFAULT_REQUESTS_PER_DAY),
        window_seconds=24 * 3600,
        action="asked for informational interviews",
    )
    try:
        with transaction.atomic():
            request = InfoInterviewRequest.objects.create(
                requester=requester,
                host=offer.user,
                minutes=minutes,
                agenda=agenda,
                times=times.strip(),
            )
    except IntegrityError as error:
        raise ValidationError("You already have an open request with this member.") from error
    tell(
        recipient=offer.user,
        kind=NotificationKind.MENTORING_INTERVIEW,
        text=f"{name_of(requester)} asks for a {minutes}-minute chat about your role.",
        subject=f"{name_of(requester)} asks for a {minutes}-minute chat about your role",
        lines=[f"{name_of(requester)} would like an informational interview.", agenda],
        path=reverse("mentoring:interviews"),
        about=requester,
    )
    return request


@transaction.atomic
def info_request_answer(
    *, request: InfoInterviewRequest, actor: User, answer: str, note: str = "", times: str = ""
) -> InfoInterviewRequest:
    """The host accepts, declines or proposes other times; the requester may withdraw."""
    request = InfoInterviewRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in InfoInterviewRequest.OPEN_STATUSES:
        raise ValidationError(f"This request is already {request.get_status_display().lower()}.")
    if answer == "withdraw":
        if actor.pk != request.requester_id:
            raise PermissionDenied("Only the member who asked can withdraw.")
        request.status = InfoInterviewRequest.Status.WITHDRAWN
    else:
        if actor.pk != request.host_id:
            raise PermissionDenied("Only the member asked can answer.")
        statuses = {
            "accept": InfoInterviewRequest.Status.ACCEPTED,
            "decline": InfoInterviewRequest.Status.DECLINED,
            "propose": InfoInterviewRequest.Status.TIMES_PROPOSED,
        }
        if answer not in statuses:
            raise ValidationError("Accept, decline or propose other times.")
        if answer == "propose" and not times.strip():
            raise ValidationError({"times": "Say which times suit you."})
        if len(note.strip()) > 500 or len(times.strip()) > 300:
            raise ValidationError("Keep the note under 500 and the times under 300 characters.")
        request.status = statuses[answer]
        request.host_note = note.strip()
        request.host_times = times.strip()
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "host_note", "host_times", "responded_at"])
    _tell_answer(request, answer)
    return request


_ANSWER_WORDS = {
    "accept": "accepted your informational interview request",
    "decline": "can't take your informational interview request",
    "propose": "proposes other times for your informational interview",
    "withdraw": "withdrew their informational interview request",
}


def _tell_answer(request: InfoInterviewRequest, answer: str) -> None:
    """The host's answer goes to the requester; a withdrawal, to the host."""
    actor, other = (
        (request.requester, request.host)
        if answer == "withdraw"
        else (request.host, request.requester)
    )
    said = f"{name_of(actor)} {_ANSWER_WORDS[answer]}."
    tell(
        recipient=other,
        kind=NotificationKind.MENTORING_INTERVIEW,
        text=said + (f" Times: {request.host_times}." if request.host_times else ""),
        subject=f"Informational interview: {request.get_status_display().lower()}",
        lines=[
            said
            + (f" Times: {request.host_times}." if request.host_times else "")
            + (f" Note: {request.host_note}" if request.host_note else "")
        ],
        path=reverse("mentoring:interviews"),
        about=actor,
    )


@transaction.atomic
def info_request_save_to_tracker(
    *, request: InfoInterviewRequest, actor: User, held_on: date, learned: str = ""
) -> InfoInterviewRequest:
    """Log the chat in the requester's job tracker (tracker.informational_interview_add)."""
    if actor.pk != request.requester_id:
        raise PermissionDenied("Only the member who asked can log this chat.")
    if request.status != InfoInterviewRequest.Status.ACCEPTED:
        raise ValidationError("Log a chat once it has been accepted.")
    if request.tracker_interview_id is not None:
        raise ValidationError("This chat is already in your job tracker.")
    offer = InfoInterviewOffer.objects.filter(user_id=request.host_id).first()
    interview = informational_interview_add(
        member=actor,
        person_name=name_of(request.host)[:120],
        person_role=(offer.role_summary if offer else "")[:120],
        held_on=held_on,
        learned=learned,
    )
    request.tracker_interview = interview
    request.save(update_fields=["tracker_interview"])
    return request
