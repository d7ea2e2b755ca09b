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
from rxguild.profiles.demo_data import demo_profiles
from rxguild.profiles.models import CredentialHeld, Profile, ProfileSkill, WorkExperience

pytestmark = pytest.mark.django_db


def _context(member: User) -> DemoContext:
    return DemoContext(objects={"member": member})


def test_seed_refuses_without_catalog(member: User) -> None:
    with pytest.raises(CommandError) as caught:
        demo.seed(_context(member))
    assert "run `manage.py load_catalog` first" in str(caught.value)


def test_seed_builds_profiles_and_is_idempotent(member: User, cat: dict[str, Any]) -> None:
    for code in demo_profiles().member.skills:
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


def test_the_demo_file_resolves_relative_dates_against_the_day_of_seeding() -> None:
    data = demo_profiles()
    assert len(data.peers) == 20
    assert data.member.state == "TX" and data.member.zip_code == "77030"
    today = dt.date(2026, 12, 4)
    retail = data.member.work[1]
    assert (retail.start.on(today), retail.end and retail.end.on(today)) == (
        dt.date(2019, 6, 1),
        dt.date(2022, 2, 1),
    )
    assert data.member.work[0].end is None  # the current job


def test_every_code_in_the_demo_file_is_in_the_catalog(catalog: Any) -> None:
    from rxguild.catalog.models import Credential, PracticeSetting, Skill

    data = demo_profiles()
    skills = set(Skill.objects.values_list("code", flat=True))
    missing = {code for code in data.member.skills if code not in skills}
    missing |= {code for peer in data.peers for code in peer.skills if code not in skills}
    assert missing <= {"bilingual"} or not missing, missing
    credentials = set(Credential.objects.values_list("code", flat=True))
    assert {held.code for held in data.member.credentials} <= credentials
    words = {job.setting_word for job in data.member.work} | {p.setting_word for p in data.peers}
    for word in words:
        assert PracticeSetting.objects.filter(name__icontains=word).exists(), word
