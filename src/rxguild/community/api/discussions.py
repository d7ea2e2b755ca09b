"""Topics, replies, accepted answers, reactions, the feed and search: only posts the caller
may read (`post_get_for_viewer`, `group_topics`, `post_search`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import group_slug_of, handle_of
from rxguild.community.api.router import router
from rxguild.community.models import Post
from rxguild.community.selectors import connections as conn_selectors
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.services import discussions
from rxguild.core.markdown import render_markdown


class PostOut(Schema):
    id: int
    group: str | None
    author_handle: str | None
    author_name: str
    kind: str
    title: str
    body: str
    body_html: str
    parent_id: int | None
    is_pinned: bool
    accepted_answer_id: int | None
    status: str
    created_at: dt.datetime

    # Read from the Post (ninja schemas validate from attributes); only these four differ.
    @staticmethod
    def resolve_group(post: Post) -> str | None:
        return group_slug_of(post)

    @staticmethod
    def resolve_author_handle(post: Post) -> str | None:
        return handle_of(post.author)

    @staticmethod
    def resolve_author_name(post: Post) -> str:
        return conn_selectors.display_name(post.author)

    @staticmethod
    def resolve_body_html(post: Post) -> str:
        return str(render_markdown(post.body))


class TopicIn(Schema):
    title: str
    body: str
    kind: str = Post.Kind.DISCUSSION


class ReplyIn(Schema):
    body: str


class ReactionIn(Schema):
    kind: str


@router.get("/groups/{slug}/posts", response=list[PostOut])
def group_posts(request: HttpRequest, slug: str, page: int = 1) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    return list(group_selectors.group_topics(request.user, access, page))


@router.post("/groups/{slug}/posts", response={201: PostOut})
def group_post_create(request: HttpRequest, slug: str, payload: TopicIn) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    post = discussions.post_create(
        actor=signed_in_member(request.user), group=access.group, **payload.dict()
    )
    return 201, post


@router.post("/posts", response={201: PostOut}, summary="Share a post on your own profile")
def profile_post_create(request: HttpRequest, payload: TopicIn) -> Any:
    return 201, discussions.post_create(
        actor=signed_in_member(request.user), group=None, **payload.dict()
    )


@router.get("/feed", response=list[PostOut])
def feed(request: HttpRequest, page: int = 1) -> Any:
    return list(group_selectors.feed_for(signed_in_member(request.user), page))


@router.get("/posts/{post_id}", response=PostOut)
def post_detail(request: HttpRequest, post_id: int) -> Any:
    return group_selectors.post_get_for_viewer(request.user, post_id).post


@router.get("/posts/{post_id}/replies", response=list[PostOut])
def post_replies(request: HttpRequest, post_id: int) -> Any:
    access = group_selectors.post_get_for_viewer(request.user, post_id)
    return list(group_selectors.topic_replies(request.user, access))


@router.post("/posts/{post_id}/replies", response={201: PostOut})
def post_reply(request: HttpRequest, post_id: int, payload: ReplyIn) -> Any:
    return 201, discussions.reply_create(
        actor=signed_in_member(request.user), topic_id=post_id, body=payload.body
    )


@router.post("/posts/{post_id}/accept", response=PostOut, summary="Accept this reply as the answer")
def post_accept(request: HttpRequest, post_id: int) -> Any:
    return discussions.answer_accept(actor=signed_in_member(request.user), reply_id=post_id)


@router.post("/posts/{post_id}/reactions", response={200: dict})
def post_react(request: HttpRequest, post_id: int, payload: ReactionIn) -> Any:
    on = discussions.reaction_toggle(
        actor=signed_in_member(request.user), post_id=post_id, kind=payload.kind
    )
    return {"kind": payload.kind, "on": on}


@router.get("/search", response=list[PostOut])
def search(request: HttpRequest, q: str) -> Any:
    if len(q.strip()) < 2:
        return []
    return list(group_selectors.post_search(request.user, q.strip()[:100]))
