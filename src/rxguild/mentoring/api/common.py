"""What the mentoring endpoints share: how a member and an error are shown."""

from __future__ import annotations

from ninja import Schema

from rxguild.accounts.models import User
from rxguild.community.selectors.connections import display_name


class MemberOut(Schema):
    id: int | None  # None: a former member (the account was deleted)
    handle: str
    display_name: str


def member_out(user: User | None) -> MemberOut:
    profile = getattr(user, "profile", None)
    return MemberOut(
        id=user.pk if user is not None else None,
        handle=profile.handle if profile else "",
        display_name=display_name(user),
    )


class ErrorOut(Schema):
    detail: str
