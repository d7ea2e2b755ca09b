"""Reads for the mentoring pages and API. Access rules are in access.py; these only ever
read the viewer's own rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.db.models import Count, Q
from django.utils import timezone

from rxguild.accounts.viewer import Viewer
from rxguild.community.selectors.connections import blocked_ids
from rxguild.growth.models import Goal
from rxguild.mentoring import access, held, matching, records
from rxguild.mentoring.models import (
    Agreement,
    Bookmark,
    Circle,
    InfoInterviewOffer,
    InfoInterviewRequest,
    MenteeWants,
    MentorOffer,
    Mentorship,
    MentorshipRequest,
)


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


@cache
def default_weights() -> matching.Weights:
    return matching.load_weights()[0]


@dataclass(frozen=True)
class MentorFilters:
    specialty: str = ""
    setting: str = ""
    state: str = ""
    language: str = ""
    format: str = ""

    def keep(self, mentor: matching.Mentor) -> bool:
        return (
            (not self.specialty or self.specialty in mentor.specialties)
            and (not self.setting or self.setting in mentor.settings)
            and (not self.state or self.state in mentor.states or self.state == mentor.home_state)
            and (not self.language or self.language in mentor.languages)
            and (not self.format or self.format in mentor.formats)
        )


@dataclass
class MentorCard:
    offer: MentorOffer
    match: matching.Match
    bookmarked: bool
    seats_left: int
    credentials: list[held.CredentialShown]


@dataclass
class MentorDirectory:
    wants: MenteeWants | None
    cards: list[MentorCard]
    featured: MentorCard | None


def mentor_directory(
    viewer: Viewer,
    *,
    filters: MentorFilters | None = None,
    limit: int = 20,
    exclude: frozenset[int] = frozenset(),
) -> MentorDirectory:
    """Ranked mentors with their reasons for the viewer as a mentee. Members in a block with
    the viewer (either way) are left out before anything is scored; the engine checks again.
    `exclude`: mentors the caller leaves out too (a rematch leaves out the mentor just ended).
    About fourteen queries whatever the number of mentors (the wallet's marks included)."""
    member = access.signed_in_member(viewer)
    wants = access.mentee_wants_for_owner(member)
    if wants is None:
        return MentorDirectory(wants=None, cards=[], featured=None)
    filters = filters or MentorFilters()
    blocked = blocked_ids(member)
    hidden = blocked | {member.pk} | exclude
    offers = {offer.user_id: offer for offer in records.mentor_offers(exclude=hidden)}
    mentors = [m for m in records.mentor_records(list(offers.values())) if filters.keep(m)]
    mentee = records.mentee_record(wants, user=member, blocked=blocked)
    labels = records.labels()
    ranked = matching.recommend(mentee, mentors, default_weights(), labels, limit=limit)
    bookmarked = set(Bookmark.objects.filter(mentee=member).values_list("mentor_id", flat=True))
    by_id = {m.id: m for m in mentors}
    cards = [
        MentorCard(
            offer=offers[match.mentor_id],
            match=match,
            bookmarked=match.mentor_id in bookmarked,
            seats_left=by_id[match.mentor_id].seats_left,
            credentials=held.credentials_shown(
                by_id[match.mentor_id],
                getattr(offers[match.mentor_id].user, "profile", None),
                labels,
            ),
        )
        for match in ranked
    ]
    pick = matching.featured(ranked, rotation=timezone.localdate().toordinal() + member.pk)
    featured_card = next((c for c in cards if pick and c.match.mentor_id == pick.mentor_id), None)
    return MentorDirectory(wants=wants, cards=cards, featured=featured_card)


@dataclass
class RequestsOverview:
    incoming: list[MentorshipRequest]
    outgoing: list[MentorshipRequest]


def requests_for(viewer: Viewer, *, recent_days: int = 60) -> RequestsOverview:
    """Requests in and out: pending ones and those answered in the last `recent_days`."""
    member = access.signed_in_member(viewer)
    since = timezone.now() - timedelta(days=recent_days)
    rows = list(
        MentorshipRequest.objects.filter(Q(mentor=member) | Q(mentee=member))
        .filter(Q(status=MentorshipRequest.Status.PENDING) | Q(created_at__gte=since))
        .select_related("mentor__profile", "mentee__profile")
    )
    return RequestsOverview(
        incoming=[r for r in rows if r.mentor_id == member.pk],
        outgoing=[r for r in rows if r.mentee_id == member.pk],
    )


def bookmarks_for(viewer: Viewer) -> list[Bookmark]:
    return list(
        Bookmark.objects.filter(
            mentee=access.signed_in_member(viewer), mentor__is_active=True
        ).select_related("mentor__profile")
    )


@dataclass
class InterviewsOverview:
    my_offer: InfoInterviewOffer | None
    hosts: list[InfoInterviewOffer]
    incoming: list[InfoInterviewRequest]
    outgoing: list[tuple[InfoInterviewRequest, str]]  # with the host contact, once accepted


def interviews_for(viewer: Viewer) -> InterviewsOverview:
    """The informational-interviews page: my offer, open hosts (blocks either way left out),
    requests in and out; contact details only where access allows."""
    member = access.signed_in_member(viewer)
    hidden = blocked_ids(member) | {member.pk}
    hosts = list(
        InfoInterviewOffer.objects.filter(is_open=True, user__is_active=True)
        .exclude(user_id__in=hidden)
        .select_related("user__profile", "practice_setting")
        .order_by("-updated_at")[:50]
    )
    rows = list(
        InfoInterviewRequest.objects.filter(Q(requester=member) | Q(host=member)).select_related(
            "requester__profile", "host__profile"
        )[:100]
    )
    accepted_hosts = {
        r.host_id
        for r in rows
        if r.requester_id == member.pk and access.may_see_host_contact(member, r)
    }
    contacts = dict(
        InfoInterviewOffer.objects.filter(user_id__in=accepted_hosts).values_list(
            "user_id", "contact"
        )
    )
    return InterviewsOverview(
        my_offer=InfoInterviewOffer.objects.filter(user=member).first(),
        hosts=hosts,
        incoming=[r for r in rows if r.host_id == member.pk],
        outgoing=[
            (r, contacts.get(r.host_id, "") if access.may_see_host_contact(member, r) else "")
            for r in rows
            if r.requester_id == member.pk
        ],
    )


@dataclass
class AgreementState:
    """A mentorship's agreement as its page shows it: the one both accepted (if any), the
    proposal waiting for an answer (if any), and the growth goals each links that are still
    shared with this mentorship (the mentee may stop sharing one in growth)."""

    current: Agreement | None
    pending: Agreement | None
    current_goals: list[Goal]
    pending_goals: list[Goal]

    @property
    def agreed(self) -> bool:
        return self.current is not None and self.pending is None


def agreement_state(mentorship: Mentorship) -> AgreementState:
    """Two queries: the live rows, and their growth goals."""
    rows = list(
        Agreement.objects.filter(
            mentorship=mentorship,
            status__in=[Agreement.Status.PROPOSED, Agreement.Status.ACCEPTED],
        )
        .select_related("proposed_by", "program")
        .prefetch_related("growth_goals")
    )
    by_status = {row.status: row for row in rows}
    current = by_status.get(Agreement.Status.ACCEPTED)
    pending = by_status.get(Agreement.Status.PROPOSED)

    def shared(row: Agreement | None) -> list[Goal]:
        if row is None:
            return []
        return [
            goal
            for goal in row.growth_goals.all()
            if goal.mentorship_id == mentorship.pk and goal.shared_with_mentor
        ]

    return AgreementState(current, pending, shared(current), shared(pending))


REMATCH_COUNT = 3


def rematch_for(viewer: Viewer, mentorship: Mentorship) -> list[MentorCard]:
    """The next best mentors for the mentee of an ended mentorship, its mentor left out; none
    for anyone else (access.may_rematch) or a member no longer enrolled as a mentee."""
    if not access.may_rematch(viewer, mentorship):
        return []
    left = frozenset({mentorship.mentor_id} if mentorship.mentor_id is not None else ())
    directory = mentor_directory(viewer, limit=REMATCH_COUNT, exclude=left)
    return directory.cards


def circles_for(viewer: Viewer) -> tuple[Sequence[Circle], Sequence[Circle]]:
    """(circles the viewer runs or sits in, open circles with a seat for them), each circle
    with `taken` seats; circles of mentors in a block with the viewer are left out. Two
    queries."""
    member = access.signed_in_member(viewer)
    rows = list(
        Circle.objects.filter(mentor__is_active=True)
        .exclude(mentor_id__in=blocked_ids(member))
        .annotate(
            taken=Count("members", distinct=True),
            mine=Count("members", filter=Q(members__mentee=member), distinct=True),
        )
        .select_related("mentor__profile", "group")
    )
    mine = [c for c in rows if c.mentor_id == member.pk or c.mine]
    open_ = [
        c for c in rows if c not in mine and c.status == Circle.Status.OPEN and c.taken < c.capacity
    ]
    return mine, open_
