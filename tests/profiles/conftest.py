from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image
from tests.accounts.factories import UserFactory
from tests.profiles.factories import make_catalog

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.profiles import services
from rxguild.profiles.models import Profile


@pytest.fixture
def cat(db: None) -> dict[str, Any]:
    return make_catalog()


@pytest.fixture
def member(db: None) -> User:
    return UserFactory(email="maria@example.org", first_name="Maria", last_name="Alvarez")


@pytest.fixture
def other_member(db: None) -> User:
    return UserFactory(email="olu@example.org")


@pytest.fixture
def recruiter(db: None) -> User:
    user = UserFactory(email="riley@example.org")
    RoleGrant.objects.create(user=user, role=Role.EMPLOYER)
    return user


@pytest.fixture
def profile(member: User) -> Profile:
    return services.profile_get_or_create_for_user(user=member)


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (1200, 900), **save: Any) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=fmt, **save)
    return buffer.getvalue()
