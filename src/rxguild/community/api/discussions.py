"""Topics, replies, accepted answers, reactions, the feed and search: only posts the caller
may read (`post_get_for_viewer`, `group_topics`, `post_search`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import handle_of
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


class TopicIn(Schema):
    title: str
    body: str
    kind: str = Post.Kind.DISCUSSION


class ReplyIn(Schema):
    body: str


class ReactionIn(Schema):
    kind: str


def _post_out(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "group": post.group.slug if post.group_id and post.group else None,
        "author_handle": handle_of(post.author),
        "author_name": conn_selectors.display_name(post.author),
        "kind": post.kind,
        "title": post.title,
        "body": post.body,
        "body_html": str(render_markdown(post.body)),
        "parent_id": post.parent_id,
        "is_pinned": post.is_pinned,
        "accepted_answer_id": post.accepted_answer_id,
        "status": post.status,
        "created_at": post.created_at,
    }


@router.get("/groups/{slug}/posts", response=list[PostOut])
def group_posts(request: HttpRequest, slug: str, page: int = 1) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    return [_post_out(p) for p in group_selectors.group_topics(request.user, access, page)]


@router.post("/groups/{slug}/posts", response={201: PostOut})
def group_post_create(request: HttpRequest, slug: str, payload: TopicIn) -> Any:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    post = discussions.post_create(
        actor=signed_in_member(request.user), group=access.group, **payload.dict()
    )
    return 201, _post_out(post)


@router.post("/posts", response={201: PostOut}, summary="Share a post on your own profile")
def profile_post_create(request: HttpRequest, payload: TopicIn) -> Any:
    return 201, _post_out(
        discussions.post_create(actor=signed_in_member(request.user), group=None, **payload.dict())
    )


@router.get("/feed", response=list[PostOut])
def feed(request: HttpRequest, page: int = 1) -> Any:
    return [_post_out(p) for p in group_selectors.feed_for(signed_in_member(request.user), page)]


@router.get("/posts/{post_id}", response=PostOut)
def post_detail(request: HttpRequest, post_id: int) -> Any:
    return _post_out(group_selectors.post_get_for_viewer(request.user, post_id).post)


@router.get("/posts/{post_id}/replies", response=list[PostOut])
def post_replies(request: HttpRequest, post_id: int) -> Any:
    access = group_selectors.post_get_for_viewer(request.user, post_id)
    return [_post_out(p) for p in group_selectors.topic_replies(request.user, access)]


@router.post("/posts/{post_id}/replies", response={201: PostOut})
def post_reply(request: HttpRequest, post_id: int, payload: ReplyIn) -> Any:
    return 201, _post_out(
        discussions.reply_create(
            actor=signed_in_member(request.user), topic_id=post_id, body=payload.body
        )
    )


@router.post("/posts/{post_id}/accept", response=PostOut, summary="Accept this reply as the answer")
def post_accept(request: HttpRequest, post_id: int) -> Any:
    return _post_out(
        discussions.answer_accept(actor=signed_in_member(request.user), reply_id=post_id)
    )


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
    return [_post_out(p) for p in group_selectors.post_search(request.user, q.strip()[:100])]
