"""Follow-up reminders: one email per member about tracker cards whose follow-up date has
come, sent once per follow-up date (idempotent: cron and the task may both run it)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from rxguild.jobs.alerts.sending import site_url
from rxguild.tracker.models import TrackedApplication


def follow_up_reminders_send(*, today: date | None = None) -> int:
    """Email each member about tracker cards whose follow-up date has come; once per date."""
    today = today or timezone.localdate()
    due = (
        TrackedApplication.objects.filter(follow_up_on__lte=today)
        .exclude(follow_up_reminded_for=F("follow_up_on"))
        .select_related("member")
        .order_by("member_id", "follow_up_on", "id")
    )
    by_member: dict[int, list[TrackedApplication]] = {}
    for application in due:
        by_member.setdefault(application.member_id, []).append(application)
    reminded = 0
    for applications in by_member.values():
        count, message = _prepare_reminder(applications)
        if message is not None:
            message.send()  # after the marking committed, as for digests
            reminded += count
    return reminded


@transaction.atomic
def _prepare_reminder(applications: list[TrackedApplication]) -> tuple[int, EmailMessage | None]:
    member = applications[0].member
    ids = [application.pk for application in applications]
    # Mark first (under lock), so a concurrent run finds nothing left to remind about.
    locked = list(
        TrackedApplication.objects.select_for_update()
        .filter(pk__in=ids, follow_up_on__isnull=False)
        .exclude(follow_up_reminded_for=F("follow_up_on"))
    )
    if not locked:
        return 0, None
    for application in locked:
        application.follow_up_reminded_for = application.follow_up_on
        application.save(update_fields=["follow_up_reminded_for"])
    context = {
        "member": member,
        "applications": [
            {
                "title": a.title,
                "organization": a.organization,
                "follow_up_on": a.follow_up_on,
                "url": site_url(reverse("tracker:detail", args=[a.pk])),
            }
            for a in locked
        ],
        "site_name": getattr(settings, "RXGUILD_SITE_NAME", "RxGuild"),
    }
    message = EmailMessage(
        subject=f"Time to follow up: {len(locked)} application{'s' if len(locked) != 1 else ''}",
        body=render_to_string("tracker/email/follow_up.txt", context),
        to=[member.email],
    )
    return len(locked), message
