"""Sign-up does the same work for a taken address as for a new one (no timing oracle).

Counted, not timed: the password hash is the only costly step that differed, so each path
must hash exactly once with the configured hasher. (Measured with Argon2 before the fix:
about 60 ms for a taken address, over 200 ms for a new one.)
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher, get_hasher
from django.urls import reverse

from rxguild.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase for tests"


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls = 0

    def encode(self, password: str, salt: str) -> str:
        self.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings: Any) -> CountingHasher:
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signup_timing.CountingHasher"]
    # The instance Django hashes with (the settings change above reset its cache).
    hasher = get_hasher("counting_md5")
    assert isinstance(hasher, MD5PasswordHasher)
    return hasher  # type: ignore[return-value]  # imported by Django as this module's class


def _sign_up(client: Any, email: str) -> Any:
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_taken_and_new_addresses_each_hash_the_password_once(
    client: Any, member: User, counting_hasher: CountingHasher
) -> None:
    taken = _sign_up(client, "maria@example.org")
    assert (taken.status_code, counting_hasher.calls) == (302, 1)
    assert User.objects.count() == 1

    client.logout()
    counting_hasher.calls = 0
    new = _sign_up(client, "ana@example.org")
    assert (new.status_code, counting_hasher.calls) == (302, 1)
    assert User.objects.count() == 2
    assert taken.url == new.url == reverse("account_email_verification_sent")
