"""Demo roadmap: the demo member aims at CSPT (half done: an active CPhT and four years in an IV
room are met; the supervisor's attestation and the exam remain), at CPhT-Adv, and at a job they
saved on the tracker. Idempotent: targets are get-or-create by natural key."""

from __future__ import annotations

from rxguild.core.demo import DemoContext
from rxguild.roadmap import services
from rxguild.roadmap.models import Target
from rxguild.tracker.models import TrackedApplication

DEMO_TARGETS = ("ptcb-cspt", "ptcb-cpht-adv", "specialty-oncology")


def seed(context: DemoContext) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    for code in DEMO_TARGETS:
        services.target_add(member=member, code=code)
    saved = (
        TrackedApplication.objects.filter(member=member, posting__isnull=False)
        .select_related("posting")
        .order_by("id")
        .first()
    )
    if saved is not None and saved.posting is not None:
        services.target_add_posting(member=member, posting=saved.posting)
    count = Target.objects.filter(member=member).count()
    context.summary.append(f"Roadmap: {count} targets for the demo member (CSPT half done).")
