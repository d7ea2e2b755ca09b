from __future__ import annotations

import pytest
from django.test import Client
from tests.tracker.factories import (
    EmployerFactory,
    PostingFactory,
    UserFactory,
    recruiter_for,
)


@pytest.fixture
def member(db):
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


@pytest.fixture
def employer(db):
    return EmployerFactory(name="Lone Star Health")


@pytest.fixture
def posting(employer):
    return PostingFactory(employer=employer, title="Inpatient Pharmacy Technician")


@pytest.fixture
def recruiter(employer):
    return recruiter_for(employer)


@pytest.fixture
def recruiter_client(recruiter):
    client = Client()
    client.force_login(recruiter)
    return client


@pytest.fixture
def other_recruiter_client(db):
    client = Client()
    client.force_login(recruiter_for(EmployerFactory(name="Other Pharmacy Co")))
    return client
