"""The tracker's demo seed: six applications across stages, idempotent."""

from __future__ import annotations

import pytest
from tests.tracker.factories import EmployerFactory, PostingFactory, recruiter_for

from rxguild.core.demo import DemoContext
from rxguild.jobs.models import SavedSearch
from rxguild.tracker import demo as demo_tracking
from rxguild.tracker.models import (
    ApplicationEvent,
    InformationalInterview,
    TrackedApplication,
)

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_spread_across_stages(member):
    lone_star = EmployerFactory(slug="lone-star-health", name="Lone Star Health System")
    for number in range(4):
        PostingFactory(employer=lone_star, external_id=f"demo-{number}")
    PostingFactory(external_id="demo-x")
    PostingFactory(external_id="demo-y")
    context = DemoContext(objects={"member": member, "recruiter": recruiter_for(lone_star)})
    demo_tracking.seed(context)
    demo_tracking.seed(context)
    stages = sorted(
        TrackedApplication.objects.filter(member=member).values_list("stage", flat=True)
    )
    assert stages == ["applied", "applied", "applied", "interviewing", "rejected", "saved"]
    assert TrackedApplication.objects.filter(submitted_at__isnull=False).count() == 4
    assert TrackedApplication.objects.filter(posting__isnull=True).count() == 1
    assert TrackedApplication.objects.filter(posting__employer=lone_star).count() == 3
    assert ApplicationEvent.objects.filter(kind="employer_stage").count() == 2
    assert InformationalInterview.objects.count() == 1
    assert SavedSearch.objects.count() == 1
