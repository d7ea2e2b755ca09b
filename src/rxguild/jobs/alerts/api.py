"""Saved searches in the JSON API. Mounted by jobs/api.py under /api/v1/jobs/tracker/saved-searches,
the path they had when they lived with the tracker (kept so clients do not break)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.jobs.alerts import selectors, services
from rxguild.jobs.models import SavedSearch

router = Router(tags=["jobs: saved searches"])


class SavedSearchIn(Schema):
    name: str = Field("", max_length=120)
    query_string: str = Field("", max_length=1000)
    frequency: str = "weekly"


class SavedSearchPatchIn(Schema):
    name: str | None = Field(None, max_length=120)
    frequency: str | None = None
    is_active: bool | None = None


class SavedSearchOut(Schema):
    id: int
    name: str
    query_string: str
    frequency: str
    is_active: bool
    last_sent_at: datetime | None


@router.get("/saved-searches", response=list[SavedSearchOut])
def saved_searches_list(request: HttpRequest) -> Any:
    return list(selectors.saved_searches_for_member(request.user))


@router.post("/saved-searches", response={201: SavedSearchOut})
def saved_searches_add(request: HttpRequest, payload: SavedSearchIn) -> Any:
    search: SavedSearch = services.saved_search_create(member=request.user, **payload.dict())
    return 201, search


@router.patch("/saved-searches/{saved_search_id}", response=SavedSearchOut)
def saved_searches_patch(
    request: HttpRequest, saved_search_id: int, payload: SavedSearchPatchIn
) -> Any:
    search = selectors.saved_search_get_for_member(request.user, saved_search_id)
    return services.saved_search_update(saved_search=search, **payload.dict(exclude_unset=True))


@router.delete("/saved-searches/{saved_search_id}", response={204: None})
def saved_searches_delete(request: HttpRequest, saved_search_id: int) -> Any:
    search = selectors.saved_search_get_for_member(request.user, saved_search_id)
    services.saved_search_delete(saved_search=search)
    return 204, None
