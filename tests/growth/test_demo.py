from __future__ import annotations

import pytest

from rxguild.core.demo import DemoContext
from rxguild.growth import demo
from rxguild.growth.models import Assessment, Framework, Goal

pytestmark = pytest.mark.django_db


def test_demo_seeds_two_ptce_assessments_months_apart_and_is_idempotent():
    from tests.tracker.factories import UserFactory

    member = UserFactory()
    context = DemoContext(objects={"member": member})
    demo.seed(context)
    demo.seed(context)
    ptce = list(
        Assessment.objects.filter(member=member, framework__code="ptce").order_by("created_at")
    )
    assert len(ptce) == 2
    assert (ptce[1].created_at - ptce[0].created_at).days == 143
    assert Assessment.objects.filter(member=member).count() == 3
    assert Framework.objects.count() == 8
    assert Goal.objects.filter(member=member, status="active").count() == 2
    assert Goal.objects.filter(member=member, status="completed").count() == 1


def test_demo_feedback_answered_and_pending():
    from tests.tracker.factories import UserFactory

    from rxguild.growth.models import FeedbackInvite

    member = UserFactory(first_name="Demo", last_name="Tech")
    demo.seed(DemoContext(objects={"member": member}))
    demo.seed(DemoContext(objects={"member": member}))
    invites = FeedbackInvite.objects.filter(request__member=member)
    assert invites.count() == 5
    assert invites.filter(answered_at__isnull=False).count() == 4
    assert invites.filter(answered_at__isnull=True, link_used_at__isnull=True).count() == 1
