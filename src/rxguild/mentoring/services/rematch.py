"""Rematch: the mentee of an ended mentorship asks one of the next best mentors in one click.

The request itself is an ordinary one (`mentorship_request_send`: exclusions, blocks, the
daily limit, the email); this only holds the rules of where it comes from. The new mentor is
not told who the previous one was.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from rxguild.accounts.models import User
from rxguild.mentoring import access
from rxguild.mentoring.models import MentorOffer, Mentorship, MentorshipRequest
from rxguild.mentoring.services.mentorships import mentorship_request_send


@transaction.atomic
def mentorship_rematch_request(
    *, mentorship: Mentorship, mentee: User, offer: MentorOffer, note: str = ""
) -> MentorshipRequest:
    if not access.may_rematch(mentee, mentorship):
        raise PermissionDenied("Only the mentee of an ended mentorship is offered a rematch.")
    if offer.user_id == mentorship.mentor_id:
        raise ValidationError("Choose a different mentor from the one this mentorship was with.")
    return mentorship_request_send(mentee=mentee, offer=offer, note=note)
