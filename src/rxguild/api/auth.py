"""API authentication: a personal access token (Bearer) or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from rxguild.accounts.tokens import token_authenticate, token_may_call


class PersonalTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        access_token = token_authenticate(token)
        if access_token is None:
            return None
        # A valid token outside its scopes is a 403 that says why, not a 401.
        refusal = token_may_call(
            access_token.scopes, path=request.path_info, method=request.method or ""
        )
        if refusal is not None:
            raise PermissionDenied(refusal)
        request.user = access_token.user
        return access_token.user


# Session auth checks CSRF on unsafe methods, as a form post would.
session_auth = SessionAuth()
token_auth = PersonalTokenAuth()
AUTH = [token_auth, session_auth]
