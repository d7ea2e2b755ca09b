"""The demo member's roadmap: CSPT half done."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rxguild.core.demo import DEMO_MEMBER_EMAIL, seed_all
from rxguild.roadmap.models import Target
from rxguild.roadmap.selectors import roadmap_for_member

pytestmark = pytest.mark.django_db


def test_demo_member_has_a_half_done_cspt_plan(catalog):
    seed_all()
    seed_all()  # idempotent
    from rxguild.accounts.models import User

    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    codes = list(Target.objects.filter(member=member).values_list("code", flat=True))
    assert codes[:3] == ["ptcb-cspt", "ptcb-cpht-adv", "specialty-oncology"]
    items = roadmap_for_member(member, today=timezone.localdate())
    cspt = items[0].gap
    assert cspt.status.value == "partly"
    assert cspt.counts[cspt.status.__class__("met")] == 2
    assert len(cspt.relevant_requirements()) == 4
