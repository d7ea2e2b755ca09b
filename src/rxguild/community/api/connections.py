"""Connections (request, accept, decline, withdraw) and the member directory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Schema

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.api.common import HandleIn, handle_of
from rxguild.community.api.router import router
from rxguild.community.models import Connection
from rxguild.community.selectors import connections as conn_selectors
from rxguild.community.selectors.directory import (
    DirectoryQuery,
    directory_search,
    member_get_for_viewer,
)
from rxguild.community.services import connections as conn_services
from rxguild.profiles.selectors import ProfileView


class ConnectionOut(Schema):
    id: int
    from_handle: str | None
    to_handle: str | None
    status: str
    created_at: dt.datetime

    @staticmethod
    def resolve_from_handle(row: Connection) -> str | None:
        return handle_of(row.from_user)

    @staticmethod
    def resolve_to_handle(row: Connection) -> str | None:
        return handle_of(row.to_user)


class MemberOut(Schema):
    # A directory card, read from the `ProfileView` the viewer may see.
    handle: str
    display_name: str
    headline: str
    state: str | None

    @staticmethod
    def resolve_state(view: ProfileView) -> str | None:
        return view.location["state"] if view.location else None


@router.get("/connections", response=list[ConnectionOut])
def connection_list(request: HttpRequest) -> Any:
    overview = conn_selectors.connections_overview(signed_in_member(request.user))
    rows = overview["incoming"] + overview["outgoing"] + overview["connected"]
    return rows


@router.post("/connections", response={201: ConnectionOut})
def connection_request(request: HttpRequest, payload: HandleIn) -> Any:
    other, _ = member_get_for_viewer(request.user, payload.handle)
    row = conn_services.connection_request(
        actor=signed_in_member(request.user), to_user=other, note=payload.note
    )
    return 201, row


@router.post("/connections/{connection_id}/{answer}", response={204: None})
def connection_answer(request: HttpRequest, connection_id: int, answer: str) -> Any:
    operations = {
        "accept": conn_services.connection_accept,
        "decline": conn_services.connection_decline,
        "withdraw": conn_services.connection_withdraw,
    }
    if answer not in operations:
        raise Http404
    operations[answer](actor=signed_in_member(request.user), connection_id=connection_id)
    return 204, None


@router.get("/directory", response=list[MemberOut])
def directory(
    request: HttpRequest,
    name: str = "",
    state: str = "",
    practice_setting: str = "",
    specialty: str = "",
    credential: str = "",
    open_to: str = "",
    page: int = 1,
) -> Any:
    query = DirectoryQuery(name, state, practice_setting, specialty, credential, open_to)
    _, views = directory_search(viewer=signed_in_member(request.user), query=query, page=page)
    return views
