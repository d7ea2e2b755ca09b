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
