"""A master resume carries the ledger's verified marks: on the profile's matching job, or as its
own entry; unverified entries add nothing."""

from __future__ import annotations

import datetime as dt

from tests.experience.factories import entry_for

from rxguild.experience.models import ExperienceVerification, VerificationStatus
from rxguild.profiles import services as profile_services
from rxguild.profiles.models import WorkExperience
from rxguild.resumes import services


def verify(entry, name: str, role: str, site: str, on: dt.date) -> None:
    ExperienceVerification.objects.create(
        entry=entry,
        verifier_name=name,
        verifier_role=role,
        verifier_site=site,
        verifier_email="v@example.org",
        status=VerificationStatus.CONFIRMED,
        verified_on=on,
    )


def test_verified_entries_carry_their_mark(member, catalog):
    profile = profile_services.profile_get_or_create_for_user(user=member)
    WorkExperience.objects.create(
        profile=profile,
        employer="St. Mary's Hospital",
        title="IV room technician",
        start_date=dt.date(2024, 1, 1),
        summary="Compounded TPN",
    )
    on_profile = entry_for(member)  # IV room technician at St. Mary's Hospital
    verify(on_profile, "Dana Lee", "Pharmacy manager", "St. Mary's Hospital", dt.date(2026, 12, 2))
    only_ledger = entry_for(
        member,
        site_name="Rivera Pharmacy",
        site_city="Austin",
        site_state="TX",
        role="Technician",
        started_on=dt.date(2022, 5, 1),
        ended_on=dt.date(2023, 6, 30),
    )
    verify(only_ledger, "Sam Ortiz", "RPh", "Rivera Pharmacy", dt.date(2026, 11, 5))
    entry_for(member, site_name="Unverified Pharmacy", role="Clerk")  # never asked: no mark

    resume = services.resume_create_from_profile(owner=member)

    assert resume.experience == [
        {
            "title": "IV room technician",
            "employer": "St. Mary's Hospital",
            "location": "",
            "dates": "Jan 2024 \u2013 Present",
            "bullets": [
                "Compounded TPN",
                "Verified by Dana Lee, Pharmacy manager, St. Mary's Hospital on December 2, 2026",
            ],
        },
        {
            "title": "Technician",
            "employer": "Rivera Pharmacy",
            "location": "Austin, TX",
            "dates": "May 2022 \u2013 Jun 2023",
            "bullets": ["Verified by Sam Ortiz, RPh, Rivera Pharmacy on November 5, 2026"],
        },
    ]
