from __future__ import annotations

import pytest
from django.test import Client
from tests.tracker.factories import UserFactory

from rxguild.catalog.models import Credential
from rxguild.profiles.models import CredentialHeld, Profile


def hold(member, code: str = "ptcb-cpht", **fields) -> CredentialHeld:
    profile, _ = Profile.objects.get_or_create(user=member)
    return CredentialHeld.objects.create(
        profile=profile, credential=Credential.objects.get(code=code), **fields
    )


@pytest.fixture
def member(db, catalog):
    return UserFactory(first_name="Maria", last_name="Alvarez", email="maria@example.org")


@pytest.fixture
def other_member(db):
    return UserFactory(email="someone.else@example.org")


@pytest.fixture
def staff(db, catalog):
    return UserFactory(
        email="staff@example.org", is_staff=True, first_name="Sam", last_name="Staff"
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member):
    return client_for(member)


@pytest.fixture
def other_client(other_member):
    return client_for(other_member)


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture(autouse=True)
def _wallet_key_and_site(settings, tmp_path):
    settings.RXGUILD_WALLET_KEY_FILE = str(tmp_path / "keys" / "wallet-signing-key.pem")
    settings.RXGUILD_SITE_URL = "https://rxguild.example"


def confirmed_verification(member, **entry_fields):
    """An experience entry a supervisor confirmed (the link flow itself is experience's)."""
    from datetime import date

    from tests.experience.factories import entry_for

    from rxguild.experience.models import ExperienceVerification, VerificationStatus

    entry = entry_for(member, **entry_fields)
    return ExperienceVerification.objects.create(
        entry=entry,
        verifier_name="Dana Reyes",
        verifier_role="Pharmacy manager",
        verifier_site="St. Mary's Hospital",
        verifier_email="dana@stmarys.example",
        status=VerificationStatus.CONFIRMED,
        verified_on=date(2025, 1, 15),
    )
