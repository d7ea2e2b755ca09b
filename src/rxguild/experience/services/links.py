"""The signed-link steps every experience request shares: verification, hour sign-off,
evaluations and competency sign-off each own a row with `link_digest` and `link_used_at`.

One implementation, so a fix to how a link is issued, checked, limited or withdrawn reaches
every flow. Each flow is a `LinkFlow` with its own purpose (salt), so a link of one kind never
opens another kind's row; what a flow's module still says is only what differs (its checks,
its emails, its statuses). The rules themselves are core.signed_links's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone

from rxguild.core.mail import mail_send_after_commit
from rxguild.core.ratelimit import rate_limit_check
from rxguild.core.signed_links import LinkInvalid, link_check_unused, link_issue, link_read

Row = TypeVar("Row", bound=models.Model)


def site_url(path: str) -> str:
    return getattr(settings, "RXGUILD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def link_attach(row: Any, *, purpose: str) -> str:
    """Issue a new link for `row` (replacing any older one) and return its token, which goes
    only into the email."""
    issued = link_issue(purpose=purpose, object_id=row.pk)
    row.link_digest = issued.digest
    row.save(update_fields=["link_digest"])
    return issued.token


def link_open(
    queryset: models.QuerySet[Row], token: str, *, purpose: str, max_age: timedelta
) -> Row:
    """The row behind a current, unused link, or a LinkError whose message the page shows.

    Pass `queryset.select_for_update()` when acting on the answer: the check and the "used"
    mark then happen under one row lock, so a form submitted twice counts once.
    """
    row_id = link_read(token, purpose=purpose, max_age=max_age)
    row = queryset.filter(pk=row_id).first()
    if row is None:
        raise LinkInvalid("This link has been replaced by a newer one or withdrawn.")
    link_check_unused(
        stored_digest=row.link_digest,  # type: ignore[attr-defined]  # every link row has it
        token=token,
        used_at=row.link_used_at,  # type: ignore[attr-defined]  # every link row has it
    )
    return row


@dataclass
class LinkFlow:
    """One kind of emailed link and the requests that send it.

    Two weeks: long enough for a preceptor who works shifts to find the email, short enough
    that a forwarded or leaked link soon stops working. Each request emails someone outside
    RxGuild: 10 an hour per member stops a script from using us to send mail while leaving
    room to ask every past employer or preceptor in one sitting.
    """

    purpose: str  # the salt: a link of one flow never opens another flow's row
    rate_key: str  # the rate limit's key, per member
    rate_action: str  # what the member did too often, for the rate limit's message
    max_age: timedelta = timedelta(days=14)
    limit: int = 10
    window_seconds: int = 3600

    def check_rate(self, member_id: int) -> None:
        rate_limit_check(
            key=f"{self.rate_key}:{member_id}",
            limit=self.limit,
            window_seconds=self.window_seconds,
            action=self.rate_action,
        )

    def attach(self, row: Any) -> str:
        return link_attach(row, purpose=self.purpose)

    def open(self, queryset: models.QuerySet[Row], token: str) -> Row:
        return link_open(queryset, token, purpose=self.purpose, max_age=self.max_age)


def lock_waiting(
    row: Row, *, waiting: Collection[str], refusal: str, status_field: str = "status"
) -> Row:
    """`row` read again under a row lock, if it still waits for an answer (its status is one
    of `waiting`); ValidationError(refusal) and nothing changed otherwise."""
    locked = type(row)._default_manager.select_for_update().get(pk=row.pk)
    if getattr(locked, status_field) not in waiting:
        raise ValidationError(refusal)
    return locked


def withdraw(
    row: Row,
    *,
    waiting: Collection[str],
    withdrawn: str,
    refusal: str,
    status_field: str = "status",
) -> Row:
    """The member takes back a request still waiting for an answer: the row is marked
    withdrawn and its link stops working (the digest goes)."""
    locked = lock_waiting(row, waiting=waiting, refusal=refusal, status_field=status_field)
    setattr(locked, status_field, withdrawn)
    locked.link_digest = ""  # type: ignore[attr-defined]  # every link row has it
    locked.save(update_fields=[status_field, "link_digest"])
    return locked


def email_after_commit(*, to: str, subject: str, body: str) -> None:
    """One email, sent once the transaction commits (never for a request that rolled back)."""
    mail_send_after_commit([EmailMessage(subject=subject, body=body, to=[to])])


def clean_requested_person(
    *,
    prefix: str,
    name: str,
    role: str,
    email: str,
    member_email: str,
    errors: dict[str, str],
    who: str = "your preceptor",
) -> tuple[str, str, str]:
    """The person a member asks to vouch (name, role, email), as every request form takes it:
    errors land on `<prefix>_name`, `_role`, `_email`. Nobody vouches for themself."""
    if not name.strip():
        errors[f"{prefix}_name"] = f"Give {who}'s name."
    if not role.strip():
        errors[f"{prefix}_role"] = "Give their role, for example “Preceptor, RPh”."
    address = email.strip()
    try:
        validate_email(address)
    except ValidationError:
        errors[f"{prefix}_email"] = f"Enter {who}'s email address."
    else:
        if address.lower() == (member_email or "").lower():
            errors[f"{prefix}_email"] = "You can't vouch for yourself: ask someone who saw you."
    return name.strip()[:120], role.strip()[:120], address


@dataclass(frozen=True)
class SignOrDecline:
    """A checked answer on a sign-or-decline page, trimmed to what the row keeps."""

    signed: bool
    name: str
    role: str
    comment: str
    at: datetime


def check_sign_or_decline(
    *, prefix: str, decision: str, name: str, role: str, comment: str
) -> SignOrDecline:
    """The answer on a sign-or-decline page; a decline needs a reason the member can act on.
    ValidationError (errors on `<prefix>_name`, `_role`, `decision`, `comment`) otherwise."""
    errors: dict[str, str] = {}
    if decision not in ("sign", "decline"):
        errors["decision"] = "Choose sign or decline."
    if not name.strip():
        errors[f"{prefix}_name"] = "Give your name."
    if not role.strip():
        errors[f"{prefix}_role"] = "Give your role."
    if decision == "decline" and not comment.strip():
        errors["comment"] = "Say briefly what is wrong, so they can fix it."
    if errors:
        raise ValidationError(errors)
    return SignOrDecline(
        signed=decision == "sign",
        name=name.strip()[:120],
        role=role.strip()[:120],
        comment=comment.strip()[:2000],
        at=timezone.now(),
    )
