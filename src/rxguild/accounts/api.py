"""JSON API for the accounts capability, mounted under /api/v1/ by rxguild.api.

Every endpoint needs a signed-in member (token or session, the API default); each acts only
on the caller's own account. The token endpoints answer a browser session only: a token never
lists, creates or revokes tokens (rxguild.api.auth refuses it with a 403)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.accounts.models import PersonalAccessToken, User
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
