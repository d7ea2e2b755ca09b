"""Demo data: the demo member holds a badge this instance issued for their verified hospital
job (experience's demo confirms it), attached to one of their submitted job applications, so
the recruiter's view of that application shows the verified mark. Idempotent."""

from __future__ import annotations

from rxguild.core.demo import DemoContext
from rxguild.tracker.models import TrackedApplication
from rxguild.wallet import services
from rxguild.wallet.models import ApplicationProof, BadgeKind, IssuedBadge
from rxguild.wallet.sources import badge_sources


def seed(context: DemoContext) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    source = next((s for s in badge_sources(member) if s.kind == BadgeKind.EXPERIENCE), None)
    if source is None:
        return
    badge = IssuedBadge.objects.filter(
        member=member, kind=source.kind, source_id=source.source_id, revoked_at__isnull=True
    ).first()
    if badge is None:
        badge = services.badge_issue(member=member, kind=source.kind, source_id=source.source_id)
    application = (
        TrackedApplication.objects.filter(member=member, submitted_at__isnull=False)
        .order_by("submitted_at", "id")
        .first()
    )
    if (
        application is not None
        and not ApplicationProof.objects.filter(
            application=application, issued_badge=badge
        ).exists()
    ):
        services.application_proof_attach(
            member=member, application=application, badge_ref=f"issued:{badge.pk}"
        )
    context.summary.append(f"Credential wallet: badge “{badge.achievement_name}” issued.")
