"""Demo ledger for the demo member: a past retail job, a current hospital IV-room job (part
sterile compounding and hazardous drugs) and the externship that started it. Runs after the
accounts seeder (core.demo.DEMO_APPS); idempotent: an entry is looked up by site and start
date before it is made.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rxguild.core.demo import DemoContext
from rxguild.core.signed_links import link_issue
from rxguild.experience.models import ExperienceEntry, ExperienceVerification, VerificationStatus
from rxguild.experience.services import (
    experience_entry_add,
    experience_verification_request,
    experience_verification_respond,
)
from rxguild.experience.services.verification import LINK_PURPOSE

DEMO_ENTRIES: list[dict[str, Any]] = [
    {
        "kind": "externship",
        "site_name": "Rivera Community Pharmacy",
        "site_city": "Austin",
        "site_state": "TX",
        "setting_code": "retail-community",
        "role": "Pharmacy technician extern",
        "started_on": date(2021, 2, 1),
        "ended_on": date(2021, 3, 26),
        "logged_hours": 160,
        "duty_percent": {"billing-reimbursement": 20, "patient-communication": 20},
    },
    {
        "kind": "work",
        "site_name": "Rivera Community Pharmacy",
        "site_city": "Austin",
        "site_state": "TX",
        "setting_code": "retail-community",
        "role": "Pharmacy technician",
        "started_on": date(2021, 4, 5),
        "ended_on": date(2023, 6, 30),
        "hours_per_week": 32,
        "duty_percent": {"billing-reimbursement": 50},
    },
    {
        "kind": "work",
        "site_name": "St. David's Medical Center",
        "site_city": "Austin",
        "site_state": "TX",
        "setting_code": "hospital-health-system",
        "role": "IV room technician",
        "started_on": date(2023, 7, 10),
        "ended_on": None,
        "hours_per_week": 36,
        "duty_percent": {"sterile-compounding": 60, "hazardous-drugs": 15},
    },
]


def seed(context: DemoContext) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    made = 0
    for values in DEMO_ENTRIES:
        exists = ExperienceEntry.objects.filter(
            member=member, site_name=values["site_name"], started_on=values["started_on"]
        ).exists()
        if not exists:
            experience_entry_add(member=member, **values)
            made += 1
    _verify_demo_hospital_job(member)
    context.summary.append(f"Experience ledger: {len(DEMO_ENTRIES)} entries ({made} new).")


def _verify_demo_hospital_job(member: Any) -> None:
    """The hospital job verified by its pharmacy manager, through the real services: a request,
    then the answer with a link issued here (the emailed one is printed to the console)."""
    entry = ExperienceEntry.objects.filter(
        member=member, site_name="St. David's Medical Center"
    ).first()
    if entry is None or entry.verifications.filter(status=VerificationStatus.CONFIRMED).exists():
        return
    verification = experience_verification_request(
        entry=entry,
        verifier_name="Dana Brooks",
        verifier_role="Pharmacy operations manager",
        verifier_email="dana.brooks@example.org",
    )
    issued = link_issue(purpose=LINK_PURPOSE, object_id=verification.pk)
    ExperienceVerification.objects.filter(pk=verification.pk).update(link_digest=issued.digest)
    experience_verification_respond(
        token=issued.token,
        decision="confirm",
        verifier_name="Dana Brooks",
        verifier_role="Pharmacy operations manager",
        verifier_site=entry.site_name,
    )
