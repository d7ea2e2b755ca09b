"""Find a member by name as you type (invitations, message requests): only members the
viewer may see (active, not blocked either way, never the viewer), the same people the
directory shows. A member is named by display name and headline; never by email."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from rxguild.accounts.models import User
from rxguild.community.models import Group, Membership
from rxguild.community.selectors.connections import blocked_ids
from rxguild.profiles.models import Profile

MIN_QUERY = 2
MAX_MATCHES = 8


@dataclass(frozen=True)
class MemberMatch:
    handle: str
    display_name: str
    headline: str
    # Why they can't be chosen here ("Already a member"); empty when they can.
    unavailable: str = ""


def member_search(
    *, viewer: User, text: str, group: Group | None = None, limit: int = MAX_MATCHES
) -> list[MemberMatch]:
    """Members whose name has every word typed (or whose handle starts with it); two queries,
    three with a group (whose members and invitees are marked unavailable)."""
    words = text.strip().lstrip("@").split()[:5]
    if len(" ".join(words)) < MIN_QUERY:
        return []
    profiles = (
        Profile.objects.filter(user__is_active=True)
        .exclude(user=viewer)
        .exclude(user_id__in=blocked_ids(viewer))
    )
    by_name = Q()
    for word in words:
        by_name &= Q(display_name__icontains=word)
    profiles = profiles.filter(by_name | Q(handle__startswith=words[0].lower()))
    ordered = profiles.order_by("display_name", "pk")
    rows = list(ordered.values("user_id", "handle", "display_name", "headline")[:limit])
    taken: dict[int, str] = {}
    if group is not None:
        taken = {
            user_id: "Already a member" if status == Membership.Status.ACTIVE else "Invited"
            for user_id, status in Membership.objects.filter(
                group=group, user_id__in=[row["user_id"] for row in rows]
            ).values_list("user_id", "status")
        }
    return [
        MemberMatch(
            handle=row["handle"],
            display_name=row["display_name"] or "A member",
            headline=row["headline"],
            unavailable=taken.get(row["user_id"], ""),
        )
        for row in rows
    ]


def member_resolve(*, viewer: User, text: str) -> tuple[User | None, str]:
    """The one member `text` names (a handle, or a name only one visible member matches),
    else None and why: the no-JavaScript path of the pickers."""
    text = text.strip().lstrip("@")
    if not text:
        return None, "Type the member's name and choose them from the list."
    exact = (
        Profile.objects.filter(handle=text.lower(), user__is_active=True)
        .exclude(user=viewer)
        .exclude(user_id__in=blocked_ids(viewer))
        .select_related("user")
        .first()
    )
    if exact is not None:
        return exact.user, ""
    matches = member_search(viewer=viewer, text=text, limit=2)
    if len(matches) == 1:
        profile = Profile.objects.select_related("user").get(handle=matches[0].handle)
        return profile.user, ""
    if not matches:
        return None, f"No member you can see matches “{text}”."
    return None, f"Several members match “{text}”: type more of their name."
