"""allauth adapter: the one place sign-up hands a new user to RxGuild's own services, and
where a new password (changed, reset or set) revokes the member's API tokens."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest

from rxguild.accounts.models import User
from rxguild.accounts.services import member_signup_complete
from rxguild.accounts.tokens import tokens_revoke_all


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: User, form: BaseForm, commit: bool = True
    ) -> User:
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=False)
            # AbstractUser keeps a unique `username` that nobody sees (login is by email).
            # The email is used when free; a member who changed address may have left their
            # old one as someone's username, so fall back to an opaque handle.
            username = user.email
            if User.objects.filter(username=username).exists():
                username = f"member-{secrets.token_hex(8)}"
            user.username = username
            if commit:
                user.save()
                member_signup_complete(user=user)
        return user

    def set_password(self, user: User, password: str) -> None:
        # allauth calls this for a password change, a reset and a first password alike. A
        # token made under the old password is exactly what someone who learned it would
        # keep, so all of them go with it (the member makes new ones, signed in).
        with transaction.atomic():
            super().set_password(user, password)
            tokens_revoke_all(user=user)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth keys the failed-log-in limit by site domain + address. RxGuild runs no sites
        # framework, so that domain is the request's Host header with its port: every allowed
        # host name (or, behind two app servers on two ports, each server) got its own five
        # attempts. One instance is one site: the address alone is the key. (The same key is
        # what allauth clears after a password reset.)
        login = credentials.get("email", credentials.get("username", ""))
        return f"rxguild:{str(login).lower()}"
