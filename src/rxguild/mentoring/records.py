"""Members as the matching engine sees them: `matching.Mentor` and `matching.Mentee` records
built from enrolments, profiles, blocks and open mentorships, in a fixed number of queries
whatever the number of mentors."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import Credential, PracticeSetting, Specialization
from rxguild.community.selectors.connections import blocked_ids
from rxguild.core.us_states import US_STATES
from rxguild.mentoring import matching, options
from rxguild.mentoring.held import MEMBER_AUDIENCES
from rxguild.mentoring.models import MenteeWants, MentorOffer, Mentorship, MentorshipRequest
from rxguild.profiles.models import CredentialHeld, WorkExperience
from rxguild.wallet.selectors import credential_marks

_NOT_WORD = re.compile(r"[^\w]+")
_SUFFIXES = {"inc", "llc", "co", "corp", "corporation", "company", "ltd", "the"}


def employer_key(name: str) -> str:
    """ "Lone Star Health, Inc." and "lone star health" are the same employer for the
    "outside my employer" rule: case, punctuation and company suffixes don't count."""
    words = [w for w in _NOT_WORD.sub(" ", name.casefold()).split() if w not in _SUFFIXES]
    return " ".join(words)


def _current_employers(user_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    rows = WorkExperience.objects.filter(
        profile__user_id__in=list(user_ids), end_date__isnull=True
    ).values_list("profile__user_id", "employer")
    for user_id, employer in rows:
        key = employer_key(employer)
        if key:
            found[user_id].add(key)
    return {user_id: frozenset(names) for user_id, names in found.items()}


def _credentials_held(
    user_ids: Iterable[int],
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """(codes each member holds, those of them the wallet verified): three queries, whatever
    the number of members (the wallet's marks in two, through its selectors).

    Only credentials the member's profile shows to members count: a mentor who hides them is
    neither ranked nor explained by them ("holds CSPT" would tell the mentee what the profile
    does not)."""
    helds = list(
        CredentialHeld.objects.filter(
            profile__user_id__in=list(user_ids),
            profile__credentials_audience__in=MEMBER_AUDIENCES,
        )
        .annotate(holder_id=F("profile__user_id"), code=F("credential__code"))
        .only("id")
    )
    marks = credential_marks(helds)
    held: dict[int, set[str]] = defaultdict(set)
    verified: dict[int, set[str]] = defaultdict(set)
    for row in helds:
        held[row.holder_id].add(row.code)  # holder_id, code: annotated above
        if marks[row.pk].is_verified:
            verified[row.holder_id].add(row.code)
    return (
        {user_id: frozenset(codes) for user_id, codes in held.items()},
        {user_id: frozenset(codes) for user_id, codes in verified.items()},
    )


def mentor_loads(user_ids: Iterable[int] | None = None) -> dict[int, int]:
    rows = Mentorship.objects.filter(status__in=Mentorship.OPEN_STATUSES)
    if user_ids is not None:
        rows = rows.filter(mentor_id__in=list(user_ids))
    return dict(rows.values("mentor_id").annotate(n=Count("id")).values_list("mentor_id", "n"))


def mentor_record(
    offer: MentorOffer,
    *,
    today: date,
    credentials: frozenset[str],
    employers: frozenset[str],
    load: int,
    verified_credentials: frozenset[str] = frozenset(),
) -> matching.Mentor:
    profile = getattr(offer.user, "profile", None)
    return matching.Mentor(
        id=offer.user_id,
        home_state=profile.state if profile else "",
        states=frozenset(offer.states),
        credentials=credentials,
        verified_credentials=verified_credentials,
        specialties=frozenset(s.code for s in offer.specialties.all()),
        settings=frozenset(s.code for s in offer.practice_settings.all()),
        topics=frozenset(offer.topics),
        languages=frozenset(offer.languages),
        formats=frozenset(offer.formats),
        employers=employers,
        capacity=offer.capacity,
        load=load,
        available=offer.is_available_on(today),
    )


def mentor_offers(
    *, exclude: Iterable[int] = (), only: Iterable[int] | None = None
) -> list[MentorOffer]:
    rows = MentorOffer.objects.filter(user__is_active=True)
    if only is not None:
        rows = rows.filter(user_id__in=list(only))
    return list(
        rows.exclude(user_id__in=list(exclude))
        .select_related("user__profile")
        .prefetch_related("specialties", "practice_settings")
        .order_by("user_id")
    )


def mentor_records(
    offers: list[MentorOffer], *, today: date | None = None
) -> list[matching.Mentor]:
    """Engine records for `offers` (as from `mentor_offers`): five queries more."""
    today = today or timezone.localdate()
    ids = [offer.user_id for offer in offers]
    credentials, verified = _credentials_held(ids)
    employers = _current_employers(ids)
    loads = mentor_loads(ids)
    return [
        mentor_record(
            offer,
            today=today,
            credentials=credentials.get(offer.user_id, frozenset()),
            verified_credentials=verified.get(offer.user_id, frozenset()),
            employers=employers.get(offer.user_id, frozenset()),
            load=loads.get(offer.user_id, 0),
        )
        for offer in offers
    ]


def mentee_record(
    wants: MenteeWants, *, user: User, blocked: set[int] | None = None
) -> matching.Mentee:
    """The mentee's record: blocks either way (`blocked`, when the caller has them already),
    mentors already theirs or already asked."""
    profile = getattr(user, "profile", None)
    matched = set(
        Mentorship.objects.filter(mentee=user, status__in=Mentorship.OPEN_STATUSES).values_list(
            "mentor_id", flat=True
        )
    ) | set(
        MentorshipRequest.objects.filter(
            mentee=user, status=MentorshipRequest.Status.PENDING
        ).values_list("mentor_id", flat=True)
    )
    return matching.Mentee(
        id=user.pk,
        home_state=profile.state if profile else "",
        target_credential=wants.target_credential.code if wants.target_credential else "",
        specialties=frozenset(s.code for s in wants.specialties.all()),
        settings=frozenset(s.code for s in wants.practice_settings.all()),
        topics=frozenset(wants.topics),
        languages=frozenset(wants.languages),
        formats=frozenset(wants.formats),
        employers=_current_employers([user.pk]).get(user.pk, frozenset()),
        outside_employer=wants.outside_employer,
        same_state=wants.same_state,
        blocked=frozenset(blocked_ids(user) if blocked is None else blocked),
        matched=frozenset(matched),
    )


def labels() -> matching.Labels:
    """Names for every code a reason may mention: three small catalog queries."""
    return matching.Labels(
        credentials={
            code: abbreviation or name
            for code, abbreviation, name in Credential.objects.values_list(
                "code", "abbreviation", "name"
            )
        },
        specialties=dict(Specialization.objects.values_list("code", "name")),
        settings=dict(PracticeSetting.objects.values_list("code", "name")),
        topics=options.topics(),
        languages=options.languages(),
        states=dict(US_STATES),
        formats=options.FORMATS,
    )


def open_between(a: User, b: User) -> bool:
    """An open mentorship between the two, whichever side mentors."""
    return Mentorship.objects.filter(
        Q(mentor=a, mentee=b) | Q(mentor=b, mentee=a), status__in=Mentorship.OPEN_STATUSES
    ).exists()
