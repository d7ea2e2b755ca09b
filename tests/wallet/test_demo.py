"""The wallet's demo seed: the demo member's verified hospital job becomes a badge, attached
to a submitted application; running it again changes nothing."""

from __future__ import annotations

from tests.tracker.factories import EmployerFactory, PostingFactory

from rxguild.core.demo import DemoContext
from rxguild.experience import demo as experience_demo
from rxguild.tracker.services import applications as application_services
from rxguild.wallet import demo
from rxguild.wallet.models import ApplicationProof, IssuedBadge


def test_demo_member_has_a_badge_on_an_application(member, member_client):
    posting = PostingFactory(employer=EmployerFactory(name="Lone Star Health"))
    application = application_services.application_submit(
        member=member, posting=posting, resume=application_services.ResumeChoice()
    )
    context = DemoContext(objects={"member": member})
    experience_demo.seed(context)
    demo.seed(context)
    demo.seed(context)
    badge = IssuedBadge.objects.get(member=member)
    assert badge.achievement_name.startswith("Verified experience: ")
    assert "St. David's Medical Center" in badge.achievement_name
    assert list(ApplicationProof.objects.values_list("application_id", "issued_badge_id")) == [
        (application.pk, badge.pk)
    ]
    assert (
        'data-state="valid"'
        in member_client.get(f"/wallet/badges/{badge.public_id}/").content.decode()
    )
