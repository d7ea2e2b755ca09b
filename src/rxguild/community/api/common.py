"""What several community API modules share: the handle a member is known by, the slug of
a row's group, and the payload that names a member."""

from __future__ import annotations

from ninja import Schema

from rxguild.accounts.viewer import Viewer
from rxguild.community.models import Event, Post


def handle_of(user: Viewer | None) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.handle if profile is not None else None


def group_slug_of(row: Post | Event) -> str | None:
    """The slug of the group a post or event belongs to; None for one on a member's profile."""
    return row.group.slug if row.group_id and row.group else None


class HandleIn(Schema):
    handle: str
    note: str = ""
