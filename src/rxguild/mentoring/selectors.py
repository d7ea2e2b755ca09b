"""Reads for the mentoring pages and API. Access rules are in access.py; these only ever
read the viewer's own rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from rxguild.accounts.viewer import Viewer
from rxguild.mentoring import access
from rxguild.mentoring.models import MenteeWants, MentorOffer, Mentorship, MentorshipRequest


@dataclass
class MentoringOverview:
    mentor_offer: MentorOffer | None
    mentee_wants: MenteeWants | None
    mentees_now: int  # open mentorships where the viewer is the mentor
    mentorships: list[Mentorship]
    requests_in: list[MentorshipRequest]
    requests_out: list[MentorshipRequest]

    @property
    def seats_left(self) -> int:
        if self.mentor_offer is None:
            return 0
        return max(0, self.mentor_offer.capacity - self.mentees_now)


def mentorships_open_for(viewer: Viewer) -> list[Mentorship]:
    return list(
        Mentorship.objects.filter(
            Q(mentor_id=viewer.pk) | Q(mentee_id=viewer.pk),
            status__in=Mentorship.OPEN_STATUSES,
        ).select_related("mentor__profile", "mentee__profile")
    )


def mentoring_overview(viewer: Viewer) -> MentoringOverview:
    """Everything on the mentoring home page: six queries whatever the numbers."""
    mentorships = mentorships_open_for(viewer)
    pending = list(
        MentorshipRequest.objects.filter(
            Q(mentor_id=viewer.pk) | Q(mentee_id=viewer.pk),
            status=MentorshipRequest.Status.PENDING,
        ).select_related("mentor__profile", "mentee__profile")
    )
    return MentoringOverview(
        mentor_offer=access.mentor_offer_for_owner(viewer),
        mentee_wants=access.mentee_wants_for_owner(viewer),
        mentees_now=sum(1 for m in mentorships if m.mentor_id == viewer.pk),
        mentorships=mentorships,
        requests_in=[r for r in pending if r.mentor_id == viewer.pk],
        requests_out=[r for r in pending if r.mentee_id == viewer.pk],
    )
