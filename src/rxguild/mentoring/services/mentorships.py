"""Requests, answers, mentorships and their end.

The mentor's seats are counted under a lock on their `MentorOffer` row: two accepts at once
(a mentor answering two tabs, or a program publish beside a self-match accept) queue on it,
and the second sees the first's mentorship in its count. On PostgreSQL that is SELECT ... FOR
UPDATE; on SQLite the IMMEDIATE transactions (settings) take the write lock at BEGIN, which
serialises the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community.models import NotificationKind
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.community.services.common import require_participant
from rxguild.core.ratelimit import rate_limit_check
from rxguild.mentoring import matching, records
from rxguild.mentoring.models import (
    Bookmark,
    MenteeWants,
    MentorOffer,
    Mentorship,
    MentorshipRequest,
)
from rxguild.mentoring.notices import name_of, tell

# How long a mentor has to answer before the request expires and the mentee is told.
RESPONSE_DAYS = 7
REQUESTS_PER_DAY = 5
NOTE_MAX = 2000

_EXCLUSION_WORDS = {
    matching.Exclusion.SELF: "You can't ask yourself.",
    matching.Exclusion.UNAVAILABLE: "This mentor isn't taking new mentees right now.",
    matching.Exclusion.FULL: "This mentor has no seat left right now.",
    matching.Exclusion.SAME_EMPLOYER: (
        "This mentor works where you work, and you asked for mentors outside your employer."
    ),
    matching.Exclusion.OTHER_STATE: (
        "This mentor isn't in your state, and you asked for the same state."
    ),
    matching.Exclusion.ALREADY: "You already have a mentorship or a request with this mentor.",
}


def _pair_exclusion(*, mentee: User, wants: MenteeWants, offer: MentorOffer) -> str | None:
    mentor = records.mentor_records([offer])[0]
    return matching.exclusion(records.mentee_record(wants, user=mentee), mentor)


@transaction.atomic
def mentorship_request_send(
    *, mentee: User, offer: MentorOffer, note: str = ""
) -> MentorshipRequest:
    """Ask the mentor of `offer` (reached through access.mentor_offer_get_for_viewer, which
    hides blocked members) to mentor `mentee`."""
    require_participant(mentee)
    wants = MenteeWants.objects.filter(user=mentee).first()
    if wants is None:
        raise ValidationError("Enrol as a mentee first: say what you are looking for.")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Keep the note under {NOTE_MAX:,} characters."})
    problem = _pair_exclusion(mentee=mentee, wants=wants, offer=offer)
    if problem == matching.Exclusion.BLOCKED:
        raise PermissionDenied("You can't ask this member.")
    if problem is not None:
        raise ValidationError(_EXCLUSION_WORDS[problem])
    rate_limit_check(
        key=f"mentoring:request:{mentee.pk}",
        limit=REQUESTS_PER_DAY,
        window_seconds=24 * 3600,
        action="sent mentoring requests",
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            request = MentorshipRequest.objects.create(
                mentee=mentee,
                mentor=offer.user,
                note=note,
                respond_by=now + timedelta(days=RESPONSE_DAYS),
            )
    except IntegrityError as error:  # a second click racing the first
        raise ValidationError(_EXCLUSION_WORDS[matching.Exclusion.ALREADY]) from error
    tell(
        recipient=offer.user,
        kind=NotificationKind.MENTORING_REQUEST,
        text=f"{name_of(mentee)} asks you to be their mentor.",
        subject=f"{name_of(mentee)} asks you to be their mentor",
        lines=[
            f"{name_of(mentee)} would like you to mentor them.",
            *([f"Their note: {note}"] if note else []),
            f"Please accept or decline within {RESPONSE_DAYS} days.",
        ],
        path=reverse("mentoring:requests"),
    )
    return request


def _require_pending(request: MentorshipRequest) -> None:
    if request.status != MentorshipRequest.Status.PENDING:
        raise ValidationError(f"This request is already {request.get_status_display().lower()}.")


@transaction.atomic
def mentorship_request_accept(*, request: MentorshipRequest, actor: User) -> Mentorship:
    """The mentor accepts: a mentorship starts if a seat is still free (see the module's note
    on the lock)."""
    if request.mentor_id != actor.pk:
        raise PermissionDenied("Only the mentor can answer this request.")
    offer = MentorOffer.objects.select_for_update().filter(user_id=actor.pk).first()
    request = MentorshipRequest.objects.select_for_update().get(pk=request.pk)
    _require_pending(request)
    if offer is None:
        raise ValidationError("Enrol as a mentor again to accept requests.")
    if is_blocked_between(request.mentor, request.mentee):
        raise ValidationError("You can't accept this request.")
    taken = Mentorship.objects.filter(mentor_id=actor.pk, status__in=Mentorship.OPEN_STATUSES)
    if taken.count() >= offer.capacity:
        raise ValidationError(
            f"All {offer.capacity} of your seats are taken: close a mentorship or raise your "
            "capacity first."
        )
    now = timezone.now()
    request.status = MentorshipRequest.Status.ACCEPTED
    request.responded_at = now
    request.save(update_fields=["status", "responded_at"])
    wants = MenteeWants.objects.filter(user_id=request.mentee_id).first()
    mentorship = Mentorship.objects.create(
        mentor_id=request.mentor_id,
        mentee_id=request.mentee_id,
        request=request,
        started_at=now,
        goals=wants.goal if wants else "",
    )
    tell(
        recipient=request.mentee,
        kind=NotificationKind.MENTORING_ANSWER,
        text=f"{name_of(request.mentor)} accepted your mentoring request.",
        subject=f"{name_of(request.mentor)} accepted your mentoring request",
        lines=[
            f"{name_of(request.mentor)} will mentor you. Say hello and agree your goals and "
            "how often you will meet."
        ],
        path=reverse("mentoring:mentorship", args=[mentorship.pk]),
    )
    return mentorship


def _next_bookmark(request: MentorshipRequest) -> User | None:
    """The mentee's next bookmarked mentor who can still take them (not asked yet, enrolled
    and available, no block either way), if any."""
    asked = set(
        MentorshipRequest.objects.filter(mentee_id=request.mentee_id).values_list(
            "mentor_id", flat=True
        )
    )
    for bookmark in Bookmark.objects.filter(mentee_id=request.mentee_id).select_related(
        "mentor__profile"
    ):
        if bookmark.mentor_id in asked:
            continue
        offer = MentorOffer.objects.filter(user_id=bookmark.mentor_id).first()
        if offer is None or not offer.is_available_on(timezone.localdate()):
            continue
        if is_blocked_between(request.mentee, bookmark.mentor):
            continue
        return bookmark.mentor
    return None


def _next_bookmark_line(request: MentorshipRequest) -> list[str]:
    nxt = _next_bookmark(request)
    if nxt is None:
        return ["Your recommendations have more mentors who fit."]
    return [f"Next on your bookmarks: {name_of(nxt)}. Ask them from your list."]


@transaction.atomic
def mentorship_request_decline(
    *, request: MentorshipRequest, actor: User, note: str = ""
) -> MentorshipRequest:
    if request.mentor_id != actor.pk:
        raise PermissionDenied("Only the mentor can answer this request.")
    request = MentorshipRequest.objects.select_for_update().get(pk=request.pk)
    _require_pending(request)
    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": "Keep the note under 500 characters."})
    request.status = MentorshipRequest.Status.DECLINED
    request.responded_at = timezone.now()
    request.response_note = note
    request.save(update_fields=["status", "responded_at", "response_note"])
    tell(
        recipient=request.mentee,
        kind=NotificationKind.MENTORING_ANSWER,
        text=f"{name_of(request.mentor)} can't mentor you right now.",
        subject="A mentoring request was declined",
        lines=[
            f"{name_of(request.mentor)} can't mentor you right now."
            + (f" Their note: {note}" if note else ""),
            *_next_bookmark_line(request),
        ],
        path=reverse("mentoring:mentors"),
    )
    return request


@transaction.atomic
def mentorship_request_withdraw(*, request: MentorshipRequest, actor: User) -> MentorshipRequest:
    if request.mentee_id != actor.pk:
        raise PermissionDenied("Only the member who asked can withdraw this request.")
    request = MentorshipRequest.objects.select_for_update().get(pk=request.pk)
    _require_pending(request)
    request.status = MentorshipRequest.Status.WITHDRAWN
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    return request


def mentorship_requests_expire(*, now: datetime | None = None) -> int:
    """Expire requests past their answer date and tell each mentee, offering their next
    bookmark. Idempotent: rows are locked and marked in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            MentorshipRequest.objects.select_for_update(of=("self",))
            .filter(status=MentorshipRequest.Status.PENDING, respond_by__lte=now)
            .select_related("mentor__profile", "mentee__profile")
        )
        for request in due:
            request.status = MentorshipRequest.Status.EXPIRED
            request.responded_at = now
            request.save(update_fields=["status", "responded_at"])
            nxt = _next_bookmark(request)
            offered = f"Next on your bookmarks: {name_of(nxt)}." if nxt is not None else ""
            tell(
                recipient=request.mentee,
                kind=NotificationKind.MENTORING_ANSWER,
                text=" ".join(
                    part
                    for part in (
                        f"Your mentoring request to {name_of(request.mentor)} expired unanswered.",
                        offered,
                    )
                    if part
                ),
                subject="A mentoring request expired",
                lines=[
                    f"{name_of(request.mentor)} did not answer within {RESPONSE_DAYS} days, "
                    "so the request has expired.",
                    f"{offered} Ask them from your list."
                    if offered
                    else "Your recommendations have more mentors who fit.",
                ],
                # Their bookmarks, where one click asks the next one.
                path=reverse("mentoring:mentors") + ("#bookmarks-h" if offered else ""),
            )
    return len(due)


@transaction.atomic
def mentorship_close(
    *,
    mentorship: Mentorship,
    actor: User,
    outcome: str,
    rating: int | None = None,
    comment: str = "",
) -> Mentorship:
    """End a mentorship (completed or withdrawn) or pause it, with the actor's short rating.
    The other member can add theirs afterwards with `mentorship_rate`."""
    if actor.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied("Only the two members can close a mentorship.")
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    allowed = {
        Mentorship.Status.COMPLETED,
        Mentorship.Status.WITHDRAWN,
        Mentorship.Status.PAUSED,
        Mentorship.Status.ACTIVE,
    }
    if outcome not in allowed:
        raise ValidationError({"outcome": "Choose completed, withdrawn, paused or active."})
    if not mentorship.is_open:
        raise ValidationError("This mentorship has already ended.")
    if outcome == mentorship.status:
        raise ValidationError({"outcome": f"It is already {mentorship.get_status_display()}."})
    mentorship.status = outcome
    if outcome in (Mentorship.Status.COMPLETED, Mentorship.Status.WITHDRAWN):
        mentorship.ended_at = timezone.now()
    mentorship.save(update_fields=["status", "ended_at"])
    if rating is not None or comment.strip():
        _rate(mentorship=mentorship, actor=actor, rating=rating, comment=comment)
    other = mentorship.mentee if actor.pk == mentorship.mentor_id else mentorship.mentor
    status = mentorship.get_status_display().lower()
    tell(
        recipient=other,
        kind=NotificationKind.MENTORING_MENTORSHIP,
        text=f"{name_of(actor)} marked your mentorship as {status}.",
        subject=f"Your mentorship is now {status}",
        lines=[
            f"{name_of(actor)} marked your mentorship as {status}."
            + (" You can leave a short rating too." if not mentorship.is_open else ""),
            *(
                ["Its page shows the mentors who fit you next, one click to ask."]
                if other is not None
                and other.pk == mentorship.mentee_id
                and not mentorship.is_open
                and mentorship.status != Mentorship.Status.PAUSED
                else []
            ),
        ],
        path=reverse("mentoring:mentorship", args=[mentorship.pk]),
        about=actor,
    )
    return mentorship


def _rate(*, mentorship: Mentorship, actor: User, rating: int | None, comment: str) -> None:
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"rating": "Rate from 1 to 5."})
    comment = comment.strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": "Keep the comment under 1,000 characters."})
    side = "mentor" if actor.pk == mentorship.mentor_id else "mentee"
    setattr(mentorship, f"{side}_rating", rating)
    setattr(mentorship, f"{side}_comment", comment)
    mentorship.save(update_fields=[f"{side}_rating", f"{side}_comment"])


@transaction.atomic
def mentorship_rate(
    *, mentorship: Mentorship, actor: User, rating: int | None, comment: str = ""
) -> Mentorship:
    if actor.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise PermissionDenied("Only the two members can rate a mentorship.")
    if mentorship.is_open:
        raise ValidationError("Rate a mentorship once it has ended.")
    _rate(mentorship=mentorship, actor=actor, rating=rating, comment=comment)
    return mentorship


@transaction.atomic
def bookmark_toggle(*, mentee: User, offer: MentorOffer) -> bool:
    """Bookmark the mentor of `offer`, or remove the bookmark; True when now bookmarked."""
    if offer.user_id == mentee.pk:
        raise ValidationError("You can't bookmark yourself.")
    deleted, _ = Bookmark.objects.filter(mentee=mentee, mentor_id=offer.user_id).delete()
    if deleted:
        return False
    Bookmark.objects.create(mentee=mentee, mentor_id=offer.user_id)
    return True
