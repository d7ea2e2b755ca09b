from __future__ import annotations

import pytest
from django.test import Client
from tests.tracker.factories import UserFactory


@pytest.fixture
def member(db, catalog):
    return UserFactory(first_name="Maria", last_name="Alvarez", email="maria@example.org")


@pytest.fixture
def other_member(db):
    return UserFactory(email="someone.else@example.org")


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def other_client(other_member):
    client = Client()
    client.force_login(other_member)
    return client
