"""allauth adapter: the one place sign-up hands a new user to RxGuild's own services."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest

from rxguild.accounts.models import User
from rxguild.accounts.services import member_signup_complete


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True
    ) -> Any:
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
