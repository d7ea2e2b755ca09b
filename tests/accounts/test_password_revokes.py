"""A new password revokes the member's API tokens however it is set (allauth, the Django
admin, `manage.py changepassword`, which calls set_password and save), and password reset
links made before it stop working; a hash upgrade at log-in (same password) revokes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from django.contrib.auth.hashers import make_password
from django.test import Client
from tests.accounts.factories import PASSWORD, UserFactory

from rxguild.accounts.models import PersonalAccessToken, User
from rxguild.accounts.tokens import token_create

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a different long passphrase 2026"


def _live(user: User) -> int:
    return PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).count()


def test_admin_password_change_revokes_tokens_and_reset_links(member: User) -> None:
    token = token_create(user=member, name="script")
    reset_key = default_token_generator.make_token(member)
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(staff)
    response = admin.post(
        f"/staff/admin/accounts/user/{member.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert _live(member) == 0
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    assert Client().get("/api/v1/accounts/me", **bearer).status_code == 401
    assert default_token_generator.check_token(member, reset_key) is False


def test_set_password_and_save_as_changepassword_does_revokes_tokens(
    member: User, other_member: User
) -> None:
    token_create(user=member, name="one")
    token_create(user=other_member, name="theirs")
    member.set_password(NEW_PASSWORD)
    assert _live(member) == 1  # nothing until the new password is saved
    member.save()
    assert (_live(member), _live(other_member)) == (0, 1)
    member.save()  # a later save without a new password revokes nothing more
    token_create(user=member, name="made after")
    member.first_name = "Maria"
    member.save()
    assert _live(member) == 1


def test_a_hash_upgrade_at_log_in_keeps_tokens(member: User, settings: Any) -> None:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    User.objects.filter(pk=member.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    member.refresh_from_db()
    token_create(user=member, name="kept")
    assert member.check_password(PASSWORD)
    member.refresh_from_db()
    assert member.password.startswith("md5$")  # upgraded to the preferred hasher
    assert _live(member) == 1
