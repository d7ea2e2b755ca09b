"""What several community API modules share: the handle a member is known by, and the
payload that names one."""

from __future__ import annotations

from ninja import Schema

from rxguild.accounts.viewer import Viewer


def handle_of(user: Viewer | None) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.handle if profile is not None else None


class HandleIn(Schema):
    handle: str
    note: str = ""
