"""Posts, replies (one level), @mentions, reactions, accepted answers and pinning."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.community import trust
from rxguild.community.models import Group, Mention, NotificationKind, Post, Reaction
from rxguild.community.selectors.connections import display_name
from rxguild.community.selectors.groups import group_access, post_get_for_viewer
from rxguild.community.services.common import (
    daily_cap_check,
    post_interval_check,
    require_participant,
    trust_limits_for,
)
from rxguild.community.services.notifications import notify
from rxguild.profiles.models import Profile

# @handle, as in /p/<handle>/ (handles are slugs); an email address is not a mention.
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9_-]{1,39})", re.IGNORECASE)
MAX_MENTIONS = 10


def _clean_body(body: str, limits: trust.TrustLimits) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    if len(body) > 20000:
        raise ValidationError({"body": "Keep posts under 20,000 characters."})
    if limits.links_per_post is not None and trust.link_count(body) > limits.links_per_post:
        raise ValidationError(
            {
                "body": f"New members can include up to {limits.links_per_post} links in a "
                "post; this limit lifts once you have taken part for a while."
            }
        )
    return body


def _after_post(post: Post, actor: User) -> None:
    handles = {match.lower() for match in MENTION.findall(post.body)}
    if not handles:
        return
    profiles = Profile.objects.filter(handle__in=list(handles)[:MAX_MENTIONS]).select_related(
        "user"
    )
    url = reverse("community:post_detail", args=[post.parent_id or post.pk])
    for profile in profiles:
        user = profile.user
        if user.pk == actor.pk:
            continue
        Mention.objects.get_or_create(post=post, user=user)
        # Tell them only if they can read the post: a mention must not leak a private group.
        try:
            post_get_for_viewer(user, post.pk)
        except Http404:
            continue  # they can't read it: no notification, no hint that it exists
        notify(
            recipient=user,
            kind=NotificationKind.MENTION,
            text=f"{display_name(actor)} mentioned you in “{(post.parent or post).title}”.",
            url=url,
        )


@transaction.atomic
def post_create(
    *, actor: User, group: Group | None, title: str, body: str, kind: str = Post.Kind.DISCUSSION
) -> Post:
    require_participant(actor)
    if group is not None and not group_access(actor, group).can_post:
        raise PermissionDenied("Join the group to post in it.")
    if kind not in (Post.Kind.DISCUSSION, Post.Kind.QUESTION, Post.Kind.ARTICLE):
        raise ValidationError({"kind": "Choose discussion, question or article."})
    limits = trust_limits_for(actor)
    title = title.strip()
    errors = {}
    if not title:
        errors["title"] = "Give the topic a title."
    elif len(title) > 200:
        errors["title"] = "Keep the title under 200 characters."
    try:
        body = _clean_body(body, limits)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    post_interval_check(user=actor, limits=limits)
    daily_cap_check(
        user=actor, action="topic", limit=limits.topics_per_day, described="started topics"
    )
    post = Post.objects.create(group=group, author=actor, title=title, body=body, kind=kind)
    _after_post(post, actor)
    return post


@transaction.atomic
def reply_create(*, actor: User, topic_id: int, body: str) -> Post:
    require_participant(actor)
    access = post_get_for_viewer(actor, topic_id)
    topic = access.post
    if topic.parent_id is not None:  # one level of threading: answer the topic itself
        topic = topic.parent  # type: ignore[assignment]  # parent exists when parent_id is set
        access = post_get_for_viewer(actor, topic.pk)
    if not access.can_reply or topic.status != Post.Status.VISIBLE:
        raise PermissionDenied("Join the group to reply.")
    limits = trust_limits_for(actor)
    body = _clean_body(body, limits)
    post_interval_check(user=actor, limits=limits)
    daily_cap_check(user=actor, action="reply", limit=limits.replies_per_day, described="replied")
    reply = Post.objects.create(
        group=topic.group, author=actor, parent=topic, body=body, kind=Post.Kind.REPLY
    )
    if topic.author_id != actor.pk:
        notify(
            recipient=topic.author,
            kind=NotificationKind.REPLY,
            text=f"{display_name(actor)} replied to “{topic.title}”.",
            url=reverse("community:post_detail", args=[topic.pk]),
        )
    _after_post(reply, actor)
    return reply


@transaction.atomic
def post_edit(*, actor: User, post: Post, title: str | None, body: str) -> Post:
    require_participant(actor)
    if post.author_id != actor.pk:
        raise PermissionDenied("Only the author can edit a post.")
    post.body = _clean_body(body, trust_limits_for(actor))
    if title is not None and post.is_topic:
        if not title.strip():
            raise ValidationError({"title": "Give the topic a title."})
        post.title = title.strip()[:200]
    post.edited_at = timezone.now()
    post.save()
    return post


@transaction.atomic
def answer_accept(*, actor: User, reply_id: int) -> Post:
    access = post_get_for_viewer(actor, reply_id)
    reply = access.post
    topic = reply.parent
    if topic is None or topic.kind != Post.Kind.QUESTION:
        raise ValidationError("Only a reply to a question can be accepted.")
    if topic.author_id != actor.pk:
        raise PermissionDenied("Only the member who asked can accept an answer.")
    topic.accepted_answer = reply
    topic.save(update_fields=["accepted_answer"])
    if reply.author_id != actor.pk:
        notify(
            recipient=reply.author,
            kind=NotificationKind.ANSWER_ACCEPTED,
            text=f"Your answer to “{topic.title}” was accepted.",
            url=reverse("community:post_detail", args=[topic.pk]),
        )
    return topic


@transaction.atomic
def post_pin(*, actor: User, post_id: int, pinned: bool) -> Post:
    access = post_get_for_viewer(actor, post_id)
    if not access.can_moderate or access.post.group_id is None:
        raise PermissionDenied("Only the group's moderators can pin posts.")
    if not access.post.is_topic:
        raise ValidationError("Only topics can be pinned.")
    access.post.is_pinned = pinned
    access.post.save(update_fields=["is_pinned"])
    return access.post


@transaction.atomic
def reaction_toggle(*, actor: User, post_id: int, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. True when it is now on."""
    require_participant(actor)
    if kind not in Reaction.Kind.values:
        raise ValidationError({"kind": "Unknown reaction."})
    access = post_get_for_viewer(actor, post_id)
    if access.group_access is not None and not access.group_access.is_member:
        raise PermissionDenied("Join the group to react.")
    deleted, _ = Reaction.objects.filter(post=access.post, user=actor, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.create(post=access.post, user=actor, kind=kind)
    return True
