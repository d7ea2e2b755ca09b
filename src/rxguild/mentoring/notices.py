"""How mentoring tells members: community's in-app notification (one bell and one settings
page for the whole site) and mentoring's own email, both after the commit. Each goes only if
the member wants that kind on that channel (community's notification settings); the email is
sent at once, so the community digest is told not to repeat it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from rxguild.accounts.models import User
from rxguild.community.selectors.connections import display_name, is_blocked_between
from rxguild.community.services.notifications import notification_channels, notify
from rxguild.core.mail import mail_send_after_commit


def notice(
    *, recipient: User | None, subject: str, lines: list[str], path: str
) -> EmailMessage | None:
    # No recipient: the other side of a mentorship deleted their account (core.deletion).
    if recipient is None or not recipient.is_active or not recipient.email:
        return None
    base = getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    body = "\n\n".join([*lines, f"{base}{path}"])
    return EmailMessage(subject=f"[RxGuild] {subject}", body=body, to=[recipient.email])


def tell(
    *,
    recipient: User | None,
    kind: str,
    text: str,
    subject: str,
    lines: list[str],
    path: str,
    about: User | None = None,
) -> None:
    """`text` is the one line in the app; `subject` and `lines` make the email. Nothing is
    recorded or sent if the change that caused it rolls back, or with no recipient (the
    other member deleted their account). `about`: the member whose doing it is; across a
    block either way (as it stands when the change commits) nothing is told, as community
    tells nobody about a member they blocked or who blocked them."""
    if recipient is None:
        return
    member = recipient

    def send() -> None:
        if not member.is_active:
            return
        if about is not None and is_blocked_between(member, about):
            return
        in_app, by_email = notification_channels(member.pk, kind)
        if in_app:
            notify(recipient=member, kind=kind, text=text, url=path, emailed_by_caller=True)
        email = (
            notice(recipient=member, subject=subject, lines=lines, path=path) if by_email else None
        )
        mail_send_after_commit([email] if email else [])

    transaction.on_commit(send)


def name_of(user: User | None) -> str:
    return display_name(user)
