"""Members who made the step: named mentors and informational-interview hosts for a target.

A person is listed for a target when they are open to it (an active mentor offer that is not
paused, or an open informational-interview offer) and either hold one of the target's
credentials, shown to signed-in members on their profile (a credential they keep private or
show to recruiters only is never used to list them), or, for a specialty, say in their
mentor offer that they mentor in it. Members in a block with the viewer, either way, inactive
accounts and the viewer themself are left out before anything is read about them. Each person
comes with the one action that fits: ask them to mentor you (the mentoring app's own request,
with its checks) or ask for an informational interview.

Four queries whatever the number of people: blocks, mentor offers, interview offers,
credentials held.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from rxguild.community.selectors.connections import blocked_ids
from rxguild.mentoring.models import InfoInterviewOffer, MentorOffer
from rxguild.profiles.models import Audience, CredentialHeld

SHOWN_TO_MEMBERS = (Audience.PUBLIC, Audience.MEMBERS)
LIMIT = 6


@dataclass(frozen=True)
class StepPerson:
    user_id: int
    name: str
    profile_url: str | None
    headline: str
    why: str  # "holds PTCB CSPT" / "mentors in sterile compounding"
    mentors: bool  # an active mentor offer: the request form applies
    request_url: str | None  # POST: ask them to mentor you
    interview_url: str | None  # ask for an informational interview


@dataclass(frozen=True)
class StepPeople:
    people: tuple[StepPerson, ...]
    total: int  # everyone who fits; `people` is the first LIMIT
    directory_url: str


def people_for_target(
    member: Any,
    *,
    credentials: Sequence[str],
    credential_names: dict[str, str],
    specialty: str = "",
    specialty_name: str = "",
    limit: int = LIMIT,
) -> StepPeople:
    hidden = blocked_ids(member) | {member.pk}
    directory = reverse("mentoring:mentors")
    if specialty:
        directory += f"?specialty={specialty}"
    holders: dict[int, list[str]] = defaultdict(list)
    if credentials:
        for user_id, code in (
            CredentialHeld.objects.filter(
                credential__code__in=list(credentials),
                profile__credentials_audience__in=SHOWN_TO_MEMBERS,
                profile__user__is_active=True,
            )
            .exclude(profile__user_id__in=hidden)
            .values_list("profile__user_id", "credential__code")
            .order_by("credential__code")
        ):
            if code not in holders[user_id]:
                holders[user_id].append(code)
    open_to_it = Q(user_id__in=list(holders))
    if specialty:
        open_to_it |= Q(specialties__code=specialty)
    mentor_offers = {
        offer.user_id: offer
        for offer in MentorOffer.objects.filter(open_to_it, paused=False, user__is_active=True)
        .exclude(user_id__in=hidden)
        .select_related("user__profile")
        .distinct()
    }
    hosts = {
        offer.user_id: offer
        for offer in InfoInterviewOffer.objects.filter(
            is_open=True, user__is_active=True, user_id__in=list(holders)
        )
        .exclude(user_id__in=hidden)
        .select_related("user__profile")
    }
    people = []
    for user_id in sorted(set(mentor_offers) | set(hosts)):
        offer = mentor_offers.get(user_id)
        host = hosts.get(user_id)
        user = (offer or host).user  # type: ignore[union-attr]  # one of the two is set
        profile = getattr(user, "profile", None)
        held = holders.get(user_id, [])
        if held:
            why = "holds " + ", ".join(credential_names.get(c, c) for c in held)
        else:
            why = f"mentors in {specialty_name.lower() or specialty}"
        people.append(
            StepPerson(
                user_id=user_id,
                name=(profile.display_name if profile else "") or "A member",
                profile_url=reverse("community:member", args=[profile.handle]) if profile else None,
                headline=profile.headline if profile else "",
                why=why,
                mentors=offer is not None,
                request_url=reverse("mentoring:request_send", args=[user_id]) if offer else None,
                interview_url=(
                    reverse("mentoring:interview_request", args=[user_id]) if host else None
                ),
            )
        )
    # People holding the credential first (they made exactly this step), then by name.
    people.sort(key=lambda p: (not p.why.startswith("holds"), p.name.casefold(), p.user_id))
    return StepPeople(people=tuple(people[:limit]), total=len(people), directory_url=directory)
