"""The profiles demo seeder: rich Texas profile for the demo member, 20 peers, idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management.base import CommandError
from django.utils import timezone
from tests.profiles.factories import SkillFactory

from rxguild.accounts.models import User
from rxguild.core.demo import DemoContext
from rxguild.profiles import demo
from rxguild.profiles.models import CredentialHeld, Profile, ProfileSkill, WorkExperience

pytestmark = pytest.mark.django_db


def _context(member: User) -> DemoContext:
    return DemoContext(objects={"member": member})


def test_seed_refuses_without_catalog(member: User) -> None:
    with pytest.raises(CommandError) as caught:
        demo.seed(_context(member))
    assert "run `manage.py load_catalog` first" in str(caught.value)


def test_seed_builds_profiles_and_is_idempotent(member: User, cat: dict[str, Any]) -> None:
    for code in demo.DEMO_MEMBER_SKILLS:
        SkillFactory(code=code, name=code.replace("-", " ").title())
    demo.seed(_context(member))
    counts = (
        Profile.objects.count(),
        WorkExperience.objects.count(),
        CredentialHeld.objects.count(),
        ProfileSkill.objects.count(),
    )
    demo.seed(_context(member))
    assert (
        Profile.objects.count(),
        WorkExperience.objects.count(),
        CredentialHeld.objects.count(),
        ProfileSkill.objects.count(),
    ) == counts
    assert counts[0] == 21
    profile = Profile.objects.get(user=member)
    assert (profile.zip_code, profile.state, profile.is_public) == ("77030", "TX", True)
    assert profile.work_history.count() == 2
    assert profile.skills.count() == 12
    cpht = CredentialHeld.objects.get(profile=profile, credential__code="ptcb-cpht")
    today = timezone.localdate()
    assert today + dt.timedelta(days=60) < cpht.expires_on < today + dt.timedelta(days=150)
    assert (
        CredentialHeld.objects.get(profile=profile, credential__code="state-tx-technician").state
        == "TX"
    )
    states = set(Profile.objects.exclude(user=member).values_list("state", flat=True))
    assert states == {"CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA"}


def test_seed_with_the_real_catalog(member: User, catalog: Any) -> None:
    demo.seed(_context(member))
    profile = Profile.objects.get(user=member)
    codes = sorted(
        CredentialHeld.objects.filter(profile=profile).values_list("credential__code", flat=True)
    )
    assert codes == ["ptcb-cpht", "state-tx-technician"]
    assert profile.skills.count() == 12
    assert profile.practice_settings.count() == 2
    assert Profile.objects.count() == 21
