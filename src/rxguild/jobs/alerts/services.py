"""Saved searches: every change of state (alerts are sent by jobs/alerts/sending.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict

from rxguild.jobs.alerts.digest import Frequency
from rxguild.jobs.models import EmploymentType, SavedSearch, Shift
from rxguild.jobs.search_params import search_params_parse
from rxguild.jobs.selectors import CatalogRefs, catalog_refs

MAX_SAVED_SEARCHES = 25


def saved_search_default_name(query_string: str, *, refs: CatalogRefs | None = None) -> str:
    """The search in words ("CPhT jobs within 25 mi of 78701"), never its codes. `refs` is
    for the data migration that renames searches named before this (historical models)."""
    params, _errors = search_params_parse(QueryDict(query_string))
    refs = refs if refs is not None else catalog_refs()
    words = []
    if params.q:
        words.append(f"“{params.q}”")
    credential = refs.credentials_by_code.get(params.credential)
    if credential is not None:
        words.append(credential.abbreviation or credential.name)
    setting = refs.settings_by_code.get(params.setting)
    if setting is not None:
        words.append(setting[1])
    if params.employment_type:
        words.append(EmploymentType(params.employment_type).label.lower())
    if params.shift:
        words.append(f"{Shift(params.shift).label.lower()} shift")
    words.append("internships and externships" if params.internship else "jobs")
    name = " ".join(words)
    if params.zip:
        name += f" within {params.radius} mi of {params.zip}"
    if params.pay_min is not None:
        name += f", ${params.pay_min:g}/h or more"
    if params.posted_within:
        name += f", posted in the last {params.posted_within} days"
    return (name[0].upper() + name[1:])[:120]


def _clean_query_string(query_string: str) -> str:
    query_string = query_string.strip().lstrip("?")
    # Page numbers and htmx markers are not part of what the member searched for.
    kept = [
        part
        for part in query_string.split("&")
        if part and not part.startswith(("page=", "partial="))
    ]
    return "&".join(kept)[:1000]


@transaction.atomic
def saved_search_create(
    *, member: Any, name: str, query_string: str, frequency: str = Frequency.WEEKLY.value
) -> SavedSearch:
    if frequency not in {f.value for f in Frequency}:
        raise ValidationError({"frequency": "Choose daily or weekly."})
    if SavedSearch.objects.filter(member=member).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(f"You can keep up to {MAX_SAVED_SEARCHES} saved searches.")
    cleaned = _clean_query_string(query_string)
    name = name.strip() or saved_search_default_name(cleaned)
    search = SavedSearch(member=member, name=name[:120], query_string=cleaned, frequency=frequency)
    search.full_clean()
    try:
        with transaction.atomic():
            search.save()
    except IntegrityError:  # pragma: no cover - no unique rule today; kept for clarity
        raise ValidationError("That search could not be saved.") from None
    return search


@transaction.atomic
def saved_search_update(
    *,
    saved_search: SavedSearch,
    name: str | None = None,
    frequency: str | None = None,
    is_active: bool | None = None,
) -> SavedSearch:
    if frequency is not None:
        if frequency not in {f.value for f in Frequency}:
            raise ValidationError({"frequency": "Choose daily or weekly."})
        saved_search.frequency = frequency
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": "Give the search a name."})
        saved_search.name = name.strip()[:120]
    if is_active is not None:
        saved_search.is_active = is_active
    saved_search.full_clean()
    saved_search.save()
    return saved_search


@transaction.atomic
def saved_search_unsubscribe(*, saved_search: SavedSearch) -> SavedSearch:
    """Stop alerts (kept as a saved search the member can turn back on). Idempotent."""
    if saved_search.is_active:
        saved_search.is_active = False
        saved_search.save(update_fields=["is_active"])
    return saved_search


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()
