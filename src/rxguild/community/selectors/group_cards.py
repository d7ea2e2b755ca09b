"""The group list as cards: what each group is, how many belong, who can read it, where the
viewer stands and the one thing they can do next. The same rules as `GroupAccess`, computed
for the whole list in two queries (groups with counts, the viewer's memberships)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator

from rxguild.accounts.viewer import Viewer
from rxguild.community.models import Group, Membership
from rxguild.community.selectors.groups import groups_visible_to
from rxguild.core.markdown import render_markdown

VISIBILITY_SHORT = {
    Group.Visibility.PUBLIC: ("Public", "Anyone can read; members post."),
    Group.Visibility.MEMBERS: ("Members only", "Only members read the discussions."),
    Group.Visibility.INVITE: ("Invite only", "Hidden from everyone but members."),
}


@dataclass(frozen=True)
class GroupCard:
    group: Group
    member_count: int
    excerpt: str
    visibility: str
    visibility_detail: str
    # "owner", "moderator", "member", "invited" or "" (not in the group).
    standing: str
    action: str  # "open", "join", "accept" (an invitation), "login", "" (nothing to do)

    @property
    def standing_text(self) -> str:
        return {
            "owner": "You own this group",
            "moderator": "You moderate this group",
            "member": "You are a member",
            "invited": "You are invited",
        }.get(self.standing, "")


def group_cards(viewer: Viewer) -> list[GroupCard]:
    groups = list(groups_visible_to(viewer).order_by("kind", "name"))
    memberships: dict[int, Membership] = {}
    if viewer.is_authenticated:
        memberships = {
            m.group_id: m
            for m in Membership.objects.filter(user=viewer, group__in=[g.pk for g in groups])
        }
    cards = []
    for group in groups:
        membership = memberships.get(group.pk)
        if membership is None:
            standing = ""
        elif membership.status == Membership.Status.INVITED:
            standing = "invited"
        else:
            standing = membership.role
        if not viewer.is_authenticated:
            action = "login"
        elif standing == "invited":
            action = "accept"
        elif standing:
            action = "open"
        elif group.visibility != Group.Visibility.INVITE:
            action = "join"
        else:
            action = ""
        label, detail = VISIBILITY_SHORT[Group.Visibility(group.visibility)]
        text = strip_tags(str(render_markdown(group.description))).strip()
        cards.append(
            GroupCard(
                group=group,
                member_count=getattr(group, "member_count", 0),
                excerpt=Truncator(" ".join(text.split())).chars(160),
                visibility=label,
                visibility_detail=detail,
                standing=standing,
                action=action,
            )
        )
    return cards
