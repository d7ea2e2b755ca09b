"""The emails mentoring sends. Built while the service holds its rows, sent after the commit
(core.mail). Mentoring has no in-app notification kind of its own yet: the community
notification kinds are a choices list in community's migrations, so pending requests and
close requests show as dashboard next steps and on the mentoring pages instead."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from rxguild.accounts.models import User
from rxguild.community.selectors.connections import display_name


def notice(
    *, recipient: User | None, subject: str, lines: list[str], path: str
) -> EmailMessage | None:
    # No recipient: the other side of a mentorship deleted their account (core.deletion).
    if recipient is None or not recipient.is_active or not recipient.email:
        return None
    base = getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    body = "\n\n".join([*lines, f"{base}{path}"])
    return EmailMessage(subject=f"[RxGuild] {subject}", body=body, to=[recipient.email])


def name_of(user: User | None) -> str:
    return display_name(user)
