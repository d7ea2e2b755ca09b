"""Posts (topics with one level of replies), mentions and reactions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.deletion import Collector
from django.utils import timezone

from rxguild.community.models.groups import Group
from rxguild.core.deletion import keep_shared

USER = settings.AUTH_USER_MODEL


def keep_topic_with_others_replies(
    collector: Collector, field: Any, sub_objs: models.QuerySet[Any], using: str
) -> None:
    """on_delete of Post.author: the member's posts go, except a topic others replied to,
    which stays without its author, title or body, so the replies keep their thread."""
    others = Post.objects.filter(parent=models.OuterRef("pk")).exclude(
        author=models.OuterRef("author")
    )
    keep_shared(
        collector,
        field,
        sub_objs,
        using,
        shared=models.Exists(others),
        blank={"title": "", "body": ""},
    )


class Post(models.Model):
    """A topic (discussion, question or article) or, with a parent, a reply to one.

    Threading is one level deep on purpose: replies to replies attach to the topic.
    A post without a group is one the member shared on their own profile.
    """

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", "Discussion"
        QUESTION = "question", "Question"
        ARTICLE = "article", "Article"
        REPLY = "reply", "Reply"

    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"
        REMOVED = "removed", "Removed"

    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    # A topic other members replied to outlives its author, emptied (their replies stay).
    author = models.ForeignKey(
        USER,
        null=True,
        on_delete=keep_topic_with_others_replies,
        related_name="community_posts",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(max_length=20000)
    is_pinned = models.BooleanField(default=False)
    accepted_answer = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "parent", "-created_at"])]

    def __str__(self) -> str:
        return self.title or f"Reply {self.pk}"

    @property
    def is_topic(self) -> bool:
        return self.parent_id is None

    @property
    def heading(self) -> str:
        """The topic's title, or what pages say of one emptied with its author's account."""
        if self.author_id is None and not self.title:
            return "A topic whose author deleted their account"
        return self.title


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="unique_mention")]

    def __str__(self) -> str:
        return f"{self.user_id} mentioned in {self.post_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", "Like"
        HELPFUL = "helpful", "Helpful"
        THANKS = "thanks", "Thanks"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="unique_reaction")
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id} on {self.post_id}"
