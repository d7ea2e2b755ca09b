"""Who may see or change what in mentoring: the one place that decides.

- An enrolment (mentor offer, mentee wants) is its owner's to see whole and change. Others see
  a mentor only through the directory and recommendations, which leave out anyone in a block
  with the viewer (either side), inactive accounts and paused or full mentors.
- A request is seen by its two members only; the mentor answers it, the mentee withdraws it.
- A mentorship is seen and changed by its two members only.
Anything else is a plain 404, so nobody learns that a request or mentorship exists; views, the
API and templates ask here and never fetch a mentoring object by id themselves.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.mentoring.models import MenteeWants, MentorOffer, Mentorship, MentorshipRequest


def _signed_in(viewer: Viewer | None) -> bool:
    return viewer is not None and viewer.is_authenticated


def _member(viewer: Viewer | None) -> User | None:
    return viewer if isinstance(viewer, User) and viewer.is_authenticated else None


def signed_in_member(viewer: Viewer) -> User:
    """The viewer as a member; pages are behind login_required, the API behind its auth."""
    member = _member(viewer)
    if member is None:
        raise PermissionDenied("Sign in first.")
    return member


def mentor_offer_for_owner(viewer: Viewer) -> MentorOffer | None:
    member = _member(viewer)
    if member is None:
        return None
    return MentorOffer.objects.filter(user=member).first()


def mentee_wants_for_owner(viewer: Viewer) -> MenteeWants | None:
    member = _member(viewer)
    if member is None:
        return None
    return MenteeWants.objects.filter(user=member).select_related("target_credential").first()


def mentor_offer_get_for_viewer(viewer: Viewer, mentor_id: int) -> MentorOffer:
    """A mentor as another member sees them in the directory: an active account, enrolled,
    and no block between them either way. Paused or full mentors are still shown here (a
    bookmark may point at them); requests check availability themselves."""
    if not _signed_in(viewer):
        raise Http404("No such mentor.")
    offer = (
        MentorOffer.objects.select_related("user__profile")
        .filter(user_id=mentor_id, user__is_active=True)
        .first()
    )
    if offer is None:
        raise Http404("No such mentor.")
    if offer.user_id != viewer.pk and is_blocked_between(viewer, offer.user):
        raise Http404("No such mentor.")
    return offer


def _participant(viewer: Viewer) -> Q:
    return Q(mentor_id=viewer.pk) | Q(mentee_id=viewer.pk)


def request_get_for_participant(viewer: Viewer, request_id: int) -> MentorshipRequest:
    if not _signed_in(viewer):
        raise Http404("No such request.")
    request = (
        MentorshipRequest.objects.select_related("mentor__profile", "mentee__profile")
        .filter(_participant(viewer), pk=request_id)
        .first()
    )
    if request is None:
        raise Http404("No such request.")
    return request


def mentorship_get_for_participant(viewer: Viewer, mentorship_id: int) -> Mentorship:
    if not _signed_in(viewer):
        raise Http404("No such mentorship.")
    mentorship = (
        Mentorship.objects.select_related("mentor__profile", "mentee__profile")
        .filter(_participant(viewer), pk=mentorship_id)
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentorship.")
    return mentorship


def may_answer_request(viewer: Viewer, request: MentorshipRequest) -> bool:
    return request.mentor_id == viewer.pk and request.status == MentorshipRequest.Status.PENDING


def may_withdraw_request(viewer: Viewer, request: MentorshipRequest) -> bool:
    return request.mentee_id == viewer.pk and request.status == MentorshipRequest.Status.PENDING
