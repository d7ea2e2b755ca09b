"""JSON API for the accounts capability, mounted under /api/v1/ by rxguild.api.

Every endpoint needs a signed-in member (token or session, the API default); each acts only
on the caller's own account. The token endpoints answer a browser session only: a token never
lists, creates or revokes tokens (rxguild.api.auth refuses it with a 403)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.data_services import (
    AccountDataError,
    deletion_request,
    export_request,
)
from rxguild.accounts.models import DataExport, PersonalAccessToken, User
from rxguild.accounts.selectors import role_names_for, token_list_for_owner
from rxguild.accounts.tokens import (
    DEFAULT_EXPIRY_DAYS,
    MAX_EXPIRY_DAYS,
    SCOPES,
    TokenError,
    token_create,
    token_revoke,
)

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    roles: list[str]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    scopes: list[str]
    status: str  # active, expired or revoked


class TokenCreateIn(Schema):
    name: str = Field(..., max_length=80)
    scopes: list[str] = Field(
        ["read"],
        max_length=len(SCOPES),
        description="read, write (every area) or <area>:read / <area>:write, e.g. ce:write. "
        "Write includes read.",
    )
    expires_in_days: int = Field(DEFAULT_EXPIRY_DAYS, ge=1, le=MAX_EXPIRY_DAYS)


class TokenCreatedOut(Schema):
    token: TokenOut
    secret: str = Field(..., description="The token itself. Shown only in this response.")


def _caller(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the router's auth ran first
    return user


def _token_out(token: PersonalAccessToken) -> TokenOut:
    if token.revoked_at is not None:
        status = "revoked"
    elif token.is_active:
        status = "active"
    else:
        status = "expired"
    return TokenOut(
        id=token.pk,
        name=token.name,
        prefix=token.prefix,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        expires_at=token.expires_at,
        scopes=token.scopes,
        status=status,
    )


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> MeOut:
    user = _caller(request)
    return MeOut(id=user.pk, email=user.email, roles=role_names_for(user=user))


@router.get("/tokens", response=list[TokenOut])
def tokens_list(request: HttpRequest) -> list[TokenOut]:
    return [_token_out(token) for token in token_list_for_owner(owner=_caller(request))]


@router.post("/tokens", response={201: TokenCreatedOut})
def tokens_create(request: HttpRequest, payload: TokenCreateIn) -> tuple[int, TokenCreatedOut]:
    try:
        new = token_create(
            user=_caller(request),
            name=payload.name,
            scopes=payload.scopes,
            expires_in_days=payload.expires_in_days,
        )
    except TokenError as error:
        raise ValidationError(str(error)) from error
    return 201, TokenCreatedOut(token=_token_out(new.token), secret=new.secret)


@router.delete("/tokens/{token_id}", response={204: None})
def tokens_revoke(request: HttpRequest, token_id: int) -> tuple[int, None]:
    token_revoke(user=_caller(request), token_id=token_id)
    return 204, None


class DataExportOut(Schema):
    id: int
    status: str  # queued, building, ready, failed or expired
    progress: int = Field(..., description="Percent done.")
    size: int
    created_at: datetime
    expires_at: datetime | None
    download_url: str | None = Field(
        None, description="While ready: the download, for a signed-in session only."
    )


class AccountDeleteIn(Schema):
    password: str = Field(..., max_length=4096)


class AccountDeletedOut(Schema):
    purge_after: datetime


def _export_out(export: DataExport) -> DataExportOut:
    from django.urls import reverse

    ready = export.status == DataExport.Status.READY
    return DataExportOut(
        id=export.pk,
        status=export.status,
        progress=export.progress,
        size=export.size,
        created_at=export.created_at,
        expires_at=export.expires_at,
        download_url=reverse("accounts:export_download", args=[export.pk]) if ready else None,
    )


@router.get("/data/exports", response=list[DataExportOut])
def data_exports_list(request: HttpRequest) -> list[DataExportOut]:
    """The caller's recent exports (session only: a token gets 403)."""
    return [_export_out(e) for e in DataExport.objects.filter(user=_caller(request))[:20]]


@router.post("/data/exports", response={202: DataExportOut})
def data_exports_create(request: HttpRequest) -> tuple[int, DataExportOut]:
    """Queue an export of everything the caller entered (or return the one under way)."""
    return 202, _export_out(export_request(user=_caller(request)))


@router.post("/data/delete-account", response={202: AccountDeletedOut})
def data_delete_account(
    request: HttpRequest, payload: AccountDeleteIn
) -> tuple[int, AccountDeletedOut]:
    """Close the account now and delete it after the grace period; needs the password."""
    from django.contrib.auth import logout

    try:
        deletion = deletion_request(user=_caller(request), password=payload.password)
    except AccountDataError as error:
        raise ValidationError(str(error)) from error
    logout(request)
    return 202, AccountDeletedOut(purge_after=deletion.purge_after)
