from __future__ import annotations

import pytest
from tests.accounts.factories import UserFactory

from rxguild.accounts.models import User


@pytest.fixture
def member(db: None) -> User:
    return UserFactory(email="maria@example.org")


@pytest.fixture
def other_member(db: None) -> User:
    return UserFactory(email="olu@example.org")
