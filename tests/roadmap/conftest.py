"""Roadmap fixtures: a member with a CPhT and four years in an IV room, on the real catalog."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from tests.tracker.factories import PostingFactory, UserFactory

__all__ = ["PostingFactory", "UserFactory"]

from rxguild.catalog.models import Credential, PracticeSetting
from rxguild.jobs.models import PostingCredential
from rxguild.profiles.models import CredentialHeld, Profile, WorkExperience


@pytest.fixture
def member(catalog):
    user = UserFactory(email="maria@example.org")
    profile = Profile.objects.create(user=user)
    today = timezone.localdate()
    CredentialHeld.objects.create(
        profile=profile,
        credential=Credential.objects.get(code="ptcb-cpht"),
        expires_on=today + dt.timedelta(days=300),
    )
    WorkExperience.objects.create(
        profile=profile,
        employer="Bayou Medical",
        title="Pharmacy Technician, IV Room",
        practice_setting=PracticeSetting.objects.get(code="hospital-health-system"),
        start_date=today - dt.timedelta(days=4 * 365),
    )
    return user


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def other_member(catalog):
    return UserFactory(email="someone.else@example.org")


@pytest.fixture
def other_client(other_member):
    client = Client()
    client.force_login(other_member)
    return client


@pytest.fixture
def posting(catalog):
    posting = PostingFactory(
        title="IV Technician",
        experience_months=12,
        practice_setting=PracticeSetting.objects.get(code="hospital-health-system"),
    )
    PostingCredential.objects.create(
        posting=posting, credential=Credential.objects.get(code="ptcb-cpht"), required=True
    )
    PostingCredential.objects.create(
        posting=posting, credential=Credential.objects.get(code="ptcb-cspt"), required=False
    )
    return posting
