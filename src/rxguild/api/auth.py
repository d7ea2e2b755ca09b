"""API authentication: a personal access token (Bearer) or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from rxguild.accounts.tokens import token_authenticate


class PersonalTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# Session auth checks CSRF on unsafe methods, as a form post would.
session_auth = SessionAuth()
token_auth = PersonalTokenAuth()
AUTH = [token_auth, session_auth]
