"""The demo tells a story on first run, and seeding twice changes nothing."""

from __future__ import annotations

import pytest

from rxguild.accounts import demo as accounts_demo
from rxguild.ce import demo as ce_demo
from rxguild.ce.models import CeProvider, CeRecord, Course
from rxguild.ce.selectors import compliance_for_member
from rxguild.core.demo import DemoContext
from rxguild.profiles.models import CredentialHeld

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_tells_a_story(fixed_today) -> None:
    context = DemoContext()
    accounts_demo.seed(context)
    ce_demo.seed(context)
    ce_demo.seed(context)
    member = context.objects["member"]
    assert CeRecord.objects.filter(member=member).count() == 14
    assert Course.objects.count() == 30
    assert CeProvider.objects.count() == 8
    assert CredentialHeld.objects.filter(profile__user=member).count() == 2
    statuses = {s.credential_code: s for s in compliance_for_member(member, today=TODAY)}
    cpht, texas = statuses["ptcb-cpht"], statuses["state-tx-technician"]
    assert cpht.missing == ["2.5 h of Total CE hours by Mar 1, 2027"]
    assert [r.met for r in cpht.result.requirements] == [False, True, True, True]
    assert texas.missing == [
        "1.5 h of Total CE hours by Jun 14, 2027",
        "Human-trafficking prevention course (HHSC-approved) by Jun 14, 2027",
    ]
    pending = CeRecord.objects.filter(member=member, cpe_monitor_status="pending").count()
    assert pending == 2
