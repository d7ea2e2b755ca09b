from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest

from rxguild.accounts.tokens import API_AREAS, DEFAULT_EXPIRY_DAYS

EXPIRY_CHOICES = [
    ("7", "In 7 days"),
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("366", "In a year"),
]
ACCESS_CHOICES = [("read", "Read only"), ("write", "Read and change")]
AREA_CHOICES = [(area, area) for area in API_AREAS]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        help_text="What the token is for, e.g. “calendar sync on my laptop”.",
    )
    access = forms.ChoiceField(
        label="Access", choices=ACCESS_CHOICES, initial="read", widget=forms.RadioSelect
    )
    areas = forms.MultipleChoiceField(
        label="Only these parts of the API",
        choices=AREA_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for every part. A token never manages tokens.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires", choices=EXPIRY_CHOICES, initial=str(DEFAULT_EXPIRY_DAYS), coerce=int
    )

    def scopes(self) -> list[str]:
        access = self.cleaned_data["access"]
        areas = self.cleaned_data["areas"]
        return [f"{area}:{access}" for area in areas] if areas else [access]


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, with the same work done for a taken address as for a new one.

    For an address already registered allauth creates nothing and sends the owner an email
    instead (the response is the same, so the page reveals nothing), but it skips hashing the
    password, which is most of a sign-up's cost: with Argon2 the taken address answered in
    about 60 ms and a new one in over 200 ms. The submitted password is hashed here and the
    hash thrown away, so both paths pay for one hash with the same hasher.
    """

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)

    def save(self, request: HttpRequest) -> Any:
        # The user, their role and their email address are one account: all or none. (A
        # database connection lost between them left a user without an address, who could
        # neither confirm nor sign up again: tests/core/test_db_restart.py.)
        with transaction.atomic():
            return super().save(request)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Asked again so nobody at an unattended screen can delete your account.",
    )
    confirm = forms.BooleanField(
        label="I understand my account and everything I entered will be deleted",
        required=True,
    )
