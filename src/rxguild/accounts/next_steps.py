"""Dashboard next step from accounts: protect the account with two-factor authentication."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.urls import reverse

from rxguild.accounts.models import User
from rxguild.core.next_steps import NextStep


def accounts_next_steps(user: User) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return []
    return [
        NextStep(
            title="Turn on two-factor authentication",
            detail="An authenticator app keeps your account safe even if your password leaks.",
            url=reverse("mfa_activate_totp"),
            priority=80,  # worth doing, after the career steps
        )
    ]
