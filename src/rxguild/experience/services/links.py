"""The signed-link steps every experience request shares: verification, hour sign-off,
evaluations and competency sign-off each own a row with `link_digest` and `link_used_at`.

One implementation, so a fix to how a link is issued or checked reaches every flow. Each flow
keeps its own purpose (salt), so a link of one kind never opens another kind's row. The rules
themselves are core.signed_links's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

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


def check_sign_or_decline(
    *, prefix: str, decision: str, name: str, role: str, comment: str
) -> None:
    """The answer on a sign-or-decline page; a decline needs a reason the member can act on."""
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
