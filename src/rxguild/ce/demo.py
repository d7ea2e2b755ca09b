"""Demo CE from ``data/ce/demo.toml`` (read by ``demo_data.py``): the demo member's credentials
with cycles, a transcript that tells a story (CPhT: T-specific, law and patient safety met, 2.5
total hours short; Texas: law met, the human-trafficking course and 1.5 hours missing) and a
course catalog. Idempotent: records are keyed by member and title, courses by provider and title.

Dates are relative to today so the story holds whenever the demo is seeded.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import Credential
from rxguild.ce.demo_data import DemoCeCredential, DemoCeRecord, DemoCourse, demo_ce
from rxguild.ce.models import CeProvider, CeRecord, Course
from rxguild.ce.uan import load_providers
from rxguild.core.demo import DemoContext
from rxguild.profiles.models import CredentialHeld, Profile


def _credentials(member: User, today: date, credentials: tuple[DemoCeCredential, ...]) -> None:
    profile, _ = Profile.objects.get_or_create(user=member)
    # The profiles seeder normally gives these; make them only if it did not.
    for demo in credentials:
        credential = Credential.objects.filter(code=demo.code).first()
        if credential is None:
            credential = Credential.objects.create(code=demo.code, **demo.catalog)
        CredentialHeld.objects.get_or_create(
            profile=profile,
            credential=credential,
            state=credential.state or demo.catalog["state"],
            defaults={
                "expires_on": today + timedelta(days=demo.expires_in_days),
                "issued_on": today - timedelta(days=demo.issued_days_ago),
            },
        )


def _transcript(member: User, today: date, transcript: tuple[DemoCeRecord, ...]) -> int:
    now = timezone.now()
    for record in transcript:
        completed_on = today - timedelta(days=record.days_ago)
        template = record.uan_template
        full_uan = template.format(yy=f"{completed_on.year % 100:02d}") if template else ""
        fmt, topic, audience = ("H", "", "")
        if full_uan:
            parts = full_uan.split("-")
            fmt, topic, audience = parts[4][0], parts[4][1:], parts[5]
        provider = load_providers().get(full_uan[:4], "") if full_uan else "Employer training"
        CeRecord.objects.update_or_create(
            member=member,
            title=record.title,
            defaults={
                "provider_name": provider,
                "uan": full_uan,
                "completed_on": completed_on,
                "hours": record.hours,
                "format": fmt,
                "topic_code": topic,
                "audience": audience,
                "kind": record.kind,
                "tags": list(record.tags),
                "cpe_monitor_status": (
                    CeRecord.CpeMonitor.CONFIRMED
                    if record.confirmed
                    else CeRecord.CpeMonitor.PENDING
                    if full_uan
                    else CeRecord.CpeMonitor.NOT_APPLICABLE
                ),
                "cpe_monitor_confirmed_at": now if record.confirmed else None,
            },
        )
    return len(transcript)


def _catalog(today: date, courses: tuple[DemoCourse, ...]) -> int:
    providers = load_providers()
    yy = f"{today.year % 100:02d}"
    for course in courses:
        number = course.provider
        provider, _ = CeProvider.objects.get_or_create(
            name=providers.get(number, f"ACPE provider {number}"),
            defaults={"acpe_number": number},
        )
        Course.objects.update_or_create(
            provider=provider,
            title=course.title,
            defaults={
                "uan": f"{number}-0000-{yy}-{course.sequence}-{course.designator}-"
                f"{course.audience}",
                "hours": course.hours,
                "topic_code": course.designator[1:],
                "audience": course.audience,
                "format": course.designator[0],
                "tags": list(course.tags),
                "cost": course.cost,
                "description": "Demo listing: the activity number is illustrative.",
            },
        )
    return len(courses)


def seed(context: DemoContext) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    today = timezone.localdate()
    data = demo_ce()
    _credentials(member, today, data.credentials)
    records = _transcript(member, today, data.transcript)
    courses = _catalog(today, data.courses)
    context.summary.append(
        f"CE: {records} transcript records for the demo member, {courses} courses."
    )
