from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from tests.accounts.factories import UserFactory

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.community.models import Connection, Event, Group, Membership
from rxguild.profiles.services import profile_get_or_create_for_user


def make_member(name: str, *, days_old: int = 30, **profile: Any) -> User:
    user = UserFactory(email=f"{name.lower()}@example.org", first_name=name)
    user.date_joined = timezone.now() - timedelta(days=days_old)
    user.save(update_fields=["date_joined"])
    member_profile = profile_get_or_create_for_user(user=user)
    member_profile.display_name = name
    member_profile.handle = name.lower()
    for field, value in profile.items():
        setattr(member_profile, field, value)
    member_profile.save()
    return user


def connect(a: User, b: User) -> Connection:
    return Connection.objects.create(from_user=a, to_user=b, status=Connection.Status.ACCEPTED)


def make_group(
    name: str, owner: User, visibility: str = Group.Visibility.PUBLIC, **extra: Any
) -> Group:
    group = Group.objects.create(
        slug=name.lower().replace(" ", "-"),
        name=name,
        visibility=visibility,
        created_by=owner,
        **extra,
    )
    Membership.objects.create(group=group, user=owner, role=Membership.Role.OWNER)
    return group


def join(group: Group, user: User, role: str = Membership.Role.MEMBER) -> Membership:
    return Membership.objects.create(group=group, user=user, role=role)


def make_event(organizer: User, **extra: Any) -> Event:
    start = timezone.now() + timedelta(days=3)
    fields: dict[str, Any] = {
        "title": "Sterile compounding update",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        "time_zone": "America/Chicago",
        "format": Event.Format.ONLINE,
        "online_url": "https://meet.example.org/secret-room",
        "visibility": Event.Visibility.PUBLIC,
    }
    fields.update(extra)
    return Event.objects.create(organizer=organizer, **fields)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings: Any) -> None:
    cache.clear()
    settings.RXGUILD_COMMUNITY_POST_INTERVAL = False  # on again where it is under test


@pytest.fixture
def ana(db: None) -> User:
    return make_member("Ana", state="TX")


@pytest.fixture
def ben(db: None) -> User:
    return make_member("Ben", state="CA")


@pytest.fixture
def cy(db: None) -> User:
    return make_member("Cy")


@pytest.fixture
def moderator(db: None) -> User:
    user = make_member("Mo")
    RoleGrant.objects.create(user=user, role=Role.MODERATOR)
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cat(db: None) -> dict[str, Any]:
    from tests.profiles.factories import make_catalog

    return make_catalog()
