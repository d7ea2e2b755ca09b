"""OWASP ASVS L2 password rules: 12 to 128 characters, common passwords refused, no
composition rules. Checked through the sign-up page, where members meet them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rxguild.accounts.models import User

pytestmark = pytest.mark.django_db


def _signup(client, password: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("account_signup"),
        {"email": "tech@example.org", "password1": password, "password2": password},
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("elevenchars", "This password is too short. It must contain at least 12 characters."),
        ("p" * 129, "Use at most 128 characters."),
        ("password1234", "This password is too common."),
        ("qwertyuiop123", "This password is too common."),
    ],
    ids=["11-chars", "129-chars", "common-password1234", "common-qwerty"],
)
def test_weak_password_is_refused(client, password, message):
    response = _signup(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.parametrize(
    "password",
    [
        "twelve chars",  # exactly 12, spaces allowed
        "ç" * 6 + "lowercase",  # no digit, no capital, no symbol: no composition rules
        "a passphrase that is " + "x" * 107,  # exactly 128
    ],
    ids=["exactly-12", "no-composition-rules", "exactly-128"],
)
def test_acceptable_password_is_taken(client, password):
    response = _signup(client, password)
    assert response.status_code == 302
    user = User.objects.get(email="tech@example.org")
    assert user.check_password(password) is True


def test_lengths_of_boundary_passwords():
    assert len("twelve chars") == 12
    assert len("a passphrase that is " + "x" * 107) == 128


def test_help_text_names_the_limits(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert "12 to 128 characters" in html
