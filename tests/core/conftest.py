"""Core fixtures: a pinned today and a member with one of everything the home shows."""

from __future__ import annotations

from datetime import date

import pytest
from tests.ce.conftest import hold, make_member
from tests.core.home_fixtures import TODAY, populate

from rxguild.accounts.models import User


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def busy_member(db: None, today: date) -> User:
    member = make_member("busy@example.org")
    # Expires in 3 weeks: the renewal deadline is under 30 days away.
    hold(member, "ptcb-cpht", "Certified Pharmacy Technician", expires_on=date(2026, 12, 25))
    # No CE rules for it: shown as an expiry, with no ring.
    hold(member, "test-no-rules", "Hospital IV certificate", expires_on=date(2027, 5, 1))
    populate(member)
    return member
