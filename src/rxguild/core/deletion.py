"""What deleting a member does to the rows other members' data hangs on (docs/data-policy.md).

A row that is the member's goes with them (CASCADE), except when it is shared: other members'
rows depend on it (replies under their topic, RSVPs to their event) or it is the other
member's record too (a mentorship). A shared row is kept without the member: the link to them
is set to NULL (the field must be nullable), the member's own words can be blanked, and pages
name them "a former member" (`FORMER_MEMBER`). These are `on_delete` handlers, so Django's
deletion Collector, which both the export and the deletion read, sees the same split.

Use `keep_shared` through `functools.partial` (migrations serialize it and compare it by
value), or `keep_for(other)` for a row with two members on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import models
from django.db.models.deletion import CASCADE, Collector

FORMER_MEMBER = "A former member"


def member_name(user: Any) -> str:
    """How a member is named to others: their profile name, else their first name, never
    their email address (which is private); FORMER_MEMBER on a row whose member is gone."""
    if user is None or user == "":  # "" is what a template hands over for a missing user
        return FORMER_MEMBER
    profile = getattr(user, "profile", None)
    if profile is not None and profile.display_name:
        return str(profile.display_name)
    return str(user.get_full_name() or f"Member {user.pk}")


def keep_shared(
    collector: Collector,
    field: models.ForeignKey[Any, Any],
    sub_objs: models.QuerySet[Any],
    using: str,
    *,
    shared: models.Q | models.Exists,
    blank: Mapping[str, Any] | None = None,
) -> None:
    """on_delete: rows matching `shared` lose their link (and the fields in `blank` take
    those values); every other row is deleted with the member, as CASCADE would."""
    kept_pks = list(sub_objs.filter(shared).values_list("pk", flat=True))
    gone = sub_objs.exclude(pk__in=kept_pks) if kept_pks else sub_objs
    CASCADE(collector, field, gone, using)
    if not kept_pks:
        return
    kept = field.model._base_manager.using(using).filter(pk__in=kept_pks)
    collector.add_field_update(field, None, kept)
    for name, value in (blank or {}).items():
        blanked = field.model._meta.get_field(name)
        assert isinstance(blanked, models.Field)  # a column of the row, not a relation
        collector.add_field_update(blanked, value, kept)


def keep_for(other: str, **blank: Any) -> partial[None]:
    """on_delete for one side of a two-member row: kept for the other side while they are
    still a member, deleted when they are gone too (so no row is left with nobody on it)."""
    return partial(keep_shared, shared=models.Q(**{f"{other}__isnull": False}), blank=blank)
