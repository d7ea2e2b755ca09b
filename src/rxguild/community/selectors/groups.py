"""Who may see a group and its posts. Invite-only groups don't exist for non-members (404);
members-only groups show their name and a Join button, never their posts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.community.models import Group, Membership, Post, Reaction
from rxguild.community.selectors.connections import blocked_ids, connection_ids, followed_ids
from rxguild.community.services.common import is_site_moderator


@dataclass
class GroupAccess:
    group: Group
    membership: Membership | None
    can_read: bool
    can_post: bool
    can_moderate: bool
    can_join: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.status == Membership.Status.ACTIVE

    @property
    def is_invited(self) -> bool:
        return self.membership is not None and self.membership.status == Membership.Status.INVITED


def membership_for(user: Viewer, group: Group) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(group=group, user=user).first()


def group_access(viewer: Viewer, group: Group) -> GroupAccess:
    membership = membership_for(viewer, group)
    active = membership is not None and membership.status == Membership.Status.ACTIVE
    staff = is_site_moderator(viewer)
    signed_in = viewer.is_authenticated
    can_read = group.visibility == Group.Visibility.PUBLIC or active or staff
    return GroupAccess(
        group=group,
        membership=membership,
        can_read=can_read,
        can_post=active,
        can_moderate=staff or (membership is not None and membership.can_moderate),
        can_join=signed_in
        and not active
        and (group.visibility != Group.Visibility.INVITE or membership is not None),
    )


def group_get_for_viewer(viewer: Viewer, slug: str) -> GroupAccess:
    group = get_object_or_404(Group, slug=slug)
    access = group_access(viewer, group)
    if group.visibility == Group.Visibility.INVITE and not (
        access.membership is not None or access.can_moderate
    ):
        raise Http404("No such group.")
    return access


def groups_visible_to(viewer: Viewer) -> QuerySet[Group]:
    """Groups a viewer may know exist (the list, search and API)."""
    groups = Group.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
    )
    if is_site_moderator(viewer):
        return groups
    if not viewer.is_authenticated:
        return groups.exclude(visibility=Group.Visibility.INVITE)
    mine = Membership.objects.filter(user=viewer).values("group_id")
    return groups.filter(~Q(visibility=Group.Visibility.INVITE) | Q(pk__in=mine))


def readable_group_ids(viewer: Viewer) -> QuerySet[Group, Any]:
    """Groups whose posts the viewer may read (for feeds and search)."""
    if is_site_moderator(viewer):
        return Group.objects.values("pk")
    if not viewer.is_authenticated:
        return Group.objects.filter(visibility=Group.Visibility.PUBLIC).values("pk")
    mine = Membership.objects.filter(user=viewer, status=Membership.Status.ACTIVE).values(
        "group_id"
    )
    return Group.objects.filter(Q(visibility=Group.Visibility.PUBLIC) | Q(pk__in=mine)).values("pk")


def _post_queryset() -> QuerySet[Post]:
    # A correlated subquery rather than a JOIN + GROUP BY: the paginator's COUNT then drops
    # it (unused annotations are stripped), and each page counts replies for 20 rows only.
    replies = (
        Post.objects.filter(parent=OuterRef("pk"), status=Post.Status.VISIBLE)
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Post.objects.select_related("author__profile", "group").annotate(
        reply_count=Coalesce(Subquery(replies), 0)
    )


def group_topics(viewer: Viewer, access: GroupAccess, page: int = 1) -> Page:
    if not access.can_read:
        raise Http404("No such group.")
    topics = _post_queryset().filter(group=access.group, parent__isnull=True)
    if not access.can_moderate:
        topics = topics.filter(status=Post.Status.VISIBLE).exclude(
            author_id__in=blocked_ids(viewer)
        )
    topics = topics.order_by("-is_pinned", "-created_at")
    return Paginator(topics, 20).get_page(page)


@dataclass
class PostAccess:
    post: Post
    group_access: GroupAccess | None
    can_moderate: bool
    can_reply: bool


def post_get_for_viewer(viewer: Viewer, post_id: int) -> PostAccess:
    """A post (topic or reply) if `viewer` may read it; Http404 otherwise, so a private
    group's post ids reveal nothing."""
    post = get_object_or_404(Post.objects.select_related("group", "author__profile"), pk=post_id)
    access = group_access(viewer, post.group) if post.group is not None else None
    if access is not None:
        if not access.can_read:
            raise Http404("No such post.")
        can_moderate = access.can_moderate
        can_reply = access.can_post
    else:  # shared on the author's profile: signed-in members read it
        if not viewer.is_authenticated:
            raise Http404("No such post.")
        can_moderate = is_site_moderator(viewer)
        can_reply = True
    if post.status == Post.Status.REMOVED and not can_moderate:
        raise Http404("No such post.")
    if post.status == Post.Status.HIDDEN and not (
        can_moderate or post.author_id == getattr(viewer, "pk", None)
    ):
        raise Http404("No such post.")
    if post.author_id in blocked_ids(viewer):
        raise Http404("No such post.")
    return PostAccess(
        post=post, group_access=access, can_moderate=can_moderate, can_reply=can_reply
    )


def topic_replies(viewer: Viewer, access: PostAccess) -> list[Post]:
    replies = (
        Post.objects.filter(parent=access.post)
        .select_related("author__profile", "group")
        .prefetch_related(
            Prefetch("reactions", queryset=Reaction.objects.only("post_id", "kind", "user_id"))
        )
        .order_by("created_at")
    )
    if not access.can_moderate:
        replies = replies.filter(status=Post.Status.VISIBLE).exclude(
            author_id__in=blocked_ids(viewer)
        )
    return list(replies)


def reaction_counts(post_ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Reaction.objects.filter(post_id__in=post_ids)
        .values("post_id", "kind")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts.setdefault(row["post_id"], {})[row["kind"]] = row["n"]
    return counts


def feed_for(viewer: User, page: int = 1) -> Page:
    """Topics from the member's groups, and what their connections and the members they
    follow posted where the viewer may read it. Newest first."""
    people = connection_ids(viewer) | followed_ids(viewer)
    mine = Membership.objects.filter(user=viewer, status=Membership.Status.ACTIVE).values(
        "group_id"
    )
    topics = (
        _post_queryset()
        .filter(parent__isnull=True, status=Post.Status.VISIBLE)
        .filter(
            Q(group_id__in=mine)
            | Q(group__isnull=True, author_id__in=people)
            | Q(group__visibility=Group.Visibility.PUBLIC, author_id__in=people)
        )
        .exclude(author_id__in=blocked_ids(viewer))
        .order_by("-created_at")
    )
    return Paginator(topics, 20).get_page(page)


def profile_posts(viewer: Viewer, author: User) -> QuerySet[Post]:
    """What a member shared on their own profile ("share what you learn")."""
    return (
        _post_queryset()
        .filter(author=author, group__isnull=True, parent__isnull=True, status=Post.Status.VISIBLE)
        .order_by("-created_at")
    )


def post_search(viewer: Viewer, text: str) -> QuerySet[Post]:
    """Topics whose title or body mention `text`, only in groups the viewer may read."""
    where = Q(group_id__in=readable_group_ids(viewer))
    if viewer.is_authenticated:
        where |= Q(group__isnull=True)  # profile posts are for signed-in members
    return (
        _post_queryset()
        .filter(parent__isnull=True, status=Post.Status.VISIBLE)
        .filter(Q(title__icontains=text) | Q(body__icontains=text))
        .filter(where)
        .exclude(author_id__in=blocked_ids(viewer))
        .order_by("-created_at")[:50]
    )
