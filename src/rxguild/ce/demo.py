"""Demo CE data: the demo member's credentials with cycles, a transcript that tells a story
(CPhT: T-specific, law and patient safety met, 2.5 total hours short; Texas: law met, the
human-trafficking course and 1.5 hours missing) and a course catalog. Idempotent.

Dates are relative to today so the story holds whenever the demo is seeded. UAN provider
numbers are real (data/ce/acpe_providers.toml); the sequence numbers are invented for the demo.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.catalog.models import Credential
from rxguild.ce.models import CeProvider, CeRecord, Course
from rxguild.ce.uan import load_providers
from rxguild.core.demo import DemoContext
from rxguild.profiles.models import CredentialHeld, Profile

# (days ago, title, uan template with {yy}, hours, kind, tags, confirmed in CPE Monitor)
TRANSCRIPT: list[tuple[int, str, str, str, str, list[str], bool]] = [
    (
        480,
        "Preventing look-alike, sound-alike medication errors",
        "0204-0000-{yy}-101-H05-T",
        "2",
        "acpe",
        ["medication_errors"],
        True,
    ),
    (
        455,
        "Updates to Texas pharmacy laws and rules",
        "0669-0000-{yy}-023-H03-T",
        "1",
        "acpe",
        ["state_law:tx", "pharmacy_law"],
        True,
    ),
    (
        420,
        "Balancing risk and access to opioids",
        "0202-0000-{yy}-137-H01-P",
        "1.5",
        "acpe",
        ["opioids"],
        True,
    ),
    (
        390,
        "Diabetes medications: an update for technicians",
        "0430-0000-{yy}-017-H01-T",
        "2",
        "acpe",
        [],
        True,
    ),
    (
        350,
        "Technician-driven medication reconciliation",
        "0175-0000-{yy}-105-L05-T",
        "1.5",
        "acpe",
        [],
        True,
    ),
    (
        300,
        "A review of USP <797> revisions",
        "0669-0000-{yy}-089-H07-T",
        "2",
        "acpe",
        ["sterile_compounding"],
        True,
    ),
    (
        260,
        "Immunization technique for pharmacy technicians",
        "0009-0000-{yy}-005-H06-T",
        "2",
        "acpe",
        ["immunization"],
        True,
    ),
    (
        200,
        "Inventory management during drug shortages",
        "0129-0000-{yy}-044-L04-T",
        "1",
        "acpe",
        [],
        True,
    ),
    (
        150,
        "Anticoagulation basics for technicians",
        "0204-0000-{yy}-212-H01-T",
        "1.5",
        "acpe",
        [],
        True,
    ),
    (120, "HIPAA privacy annual training", "", "1", "non_acpe", [], False),
    (90, "Store safety and robbery response in-service", "", "1", "in_service", [], False),
    (
        25,
        "Naloxone dispensing and counseling support",
        "0430-0000-{yy}-088-H08-T",
        "1",
        "acpe",
        ["opioids"],
        False,
    ),
    (
        10,
        "Pharmacy billing and claims essentials",
        "0202-0000-{yy}-311-H04-T",
        "1",
        "acpe",
        [],
        False,
    ),
    (
        800,
        "Sterile compounding fundamentals",
        "0204-0000-{yy}-040-H07-T",
        "3",
        "acpe",
        ["sterile_compounding"],
        True,
    ),
]

# (provider number, title, sequence, format+topic, audience, hours, cost, tags)
COURSES: list[tuple[str, str, str, str, str, str, str, list[str]]] = [
    (
        "0669",
        "Human trafficking prevention for Texas health care practitioners",
        "120",
        "H04",
        "T",
        "1",
        "0",
        ["human_trafficking"],
    ),
    (
        "0669",
        "Texas pharmacy law for technicians: 2026 update",
        "121",
        "H03",
        "T",
        "1",
        "9.99",
        ["state_law:tx", "pharmacy_law"],
    ),
    (
        "0669",
        "Medication error prevention in retail pharmacy",
        "122",
        "H05",
        "T",
        "2",
        "9.99",
        ["medication_errors"],
    ),
    (
        "0669",
        "Hazardous drug handling under USP <800>",
        "123",
        "H07",
        "T",
        "2",
        "14.99",
        ["sterile_compounding"],
    ),
    ("0669", "Pharmacy ethics in everyday practice", "124", "H04", "T", "1", "0", ["ethics"]),
    (
        "0204",
        "Sterile compounding: garbing and aseptic technique",
        "301",
        "H07",
        "T",
        "3",
        "35",
        ["sterile_compounding"],
    ),
    (
        "0204",
        "High-alert medications: safety strategies",
        "302",
        "H05",
        "T",
        "1.5",
        "25",
        ["medication_errors"],
    ),
    ("0204", "Oncology basics for pharmacy technicians", "303", "H01", "T", "2", "30", []),
    ("0204", "Technician leadership and precepting", "304", "L04", "T", "1", "0", []),
    (
        "0204",
        "Pharmacy law essentials: DEA and controlled substances",
        "305",
        "H03",
        "T",
        "1",
        "20",
        ["pharmacy_law"],
    ),
    (
        "0202",
        "Over-the-counter products: helping patients choose",
        "410",
        "H01",
        "T",
        "1.5",
        "15",
        [],
    ),
    (
        "0202",
        "Immunization support for technicians",
        "411",
        "L06",
        "T",
        "2",
        "45",
        ["immunization"],
    ),
    ("0202", "Opioid stewardship for pharmacists", "412", "H08", "P", "2", "25", ["opioids"]),
    ("0202", "Implicit bias in health care", "413", "H04", "T", "1", "0", ["implicit_bias"]),
    (
        "0202",
        "Cultural competency in the pharmacy",
        "414",
        "H04",
        "T",
        "1",
        "0",
        ["cultural_competency"],
    ),
    ("0430", "Insulin pens and devices", "501", "H01", "T", "1", "0", []),
    (
        "0430",
        "Look-alike drug names: a quick review",
        "502",
        "H05",
        "T",
        "0.5",
        "0",
        ["medication_errors"],
    ),
    (
        "0430",
        "Pain management and opioid safety",
        "503",
        "H08",
        "T",
        "2",
        "19",
        ["opioids", "pain_symptom_management"],
    ),
    ("0430", "Vaccines across the lifespan", "504", "H06", "T", "1.5", "0", ["immunization"]),
    ("0175", "Medication therapy management support", "601", "L01", "T", "1.5", "30", []),
    (
        "0175",
        "Patient safety culture in community pharmacy",
        "602",
        "L05",
        "T",
        "1",
        "30",
        ["patient_safety"],
    ),
    (
        "0175",
        "Wisconsin pharmacy law for technicians",
        "603",
        "L03",
        "T",
        "1",
        "30",
        ["state_law:wi"],
    ),
    (
        "0129",
        "Ohio law review for certified technicians",
        "701",
        "H03",
        "T",
        "1",
        "10",
        ["state_law:oh", "pharmacy_law"],
    ),
    (
        "0129",
        "Recognizing child abuse: a guide for pharmacy staff",
        "702",
        "H04",
        "T",
        "1",
        "0",
        ["child_abuse_recognition"],
    ),
    ("0129", "Drug shortages and inventory", "703", "H04", "T", "1", "10", []),
    (
        "0009",
        "PREP Act immunization training refresher",
        "801",
        "H06",
        "T",
        "2",
        "50",
        ["immunization"],
    ),
    ("0009", "Cardiovascular medications review", "802", "H01", "T", "2", "25", []),
    ("0009", "Nonsterile compounding: USP <795>", "803", "H07", "T", "1.5", "25", []),
    ("0205", "Using CPE Monitor: claim, check and correct", "901", "H04", "T", "0.5", "0", []),
    ("0205", "Pharmacy practice act basics", "902", "H03", "P", "1", "0", ["pharmacy_law"]),
]

DEMO_CREDENTIALS: dict[str, dict[str, Any]] = {
    "ptcb-cpht": {
        "name": "Certified Pharmacy Technician (CPhT)",
        "abbreviation": "CPhT",
        "kind": Credential.Kind.CERTIFICATION,
        "issuer": "Pharmacy Technician Certification Board (PTCB)",
        "state": "",
        "source": "https://ptcb.zendesk.com/hc/en-us/articles/206879047",
        "confidence": "high",
    },
    "state-tx-technician": {
        "name": "Texas registered pharmacy technician",
        "abbreviation": "TX RPhT",
        "kind": Credential.Kind.STATE_REGISTRATION,
        "issuer": "Texas State Board of Pharmacy",
        "state": "TX",
        "source": "https://www.pharmacy.texas.gov/licensees/ce-tech-faq.asp",
        "confidence": "high",
    },
}


def _credentials(member: User, today: date) -> None:
    profile, _ = Profile.objects.get_or_create(user=member)
    # The profiles seeder normally gives these; make them only if it did not.
    for code, expires_in, issued_ago in (
        ("ptcb-cpht", 120, 610),
        ("state-tx-technician", 200, 530),
    ):
        credential = Credential.objects.filter(code=code).first()
        if credential is None:
            credential = Credential.objects.create(code=code, **DEMO_CREDENTIALS[code])
        state = DEMO_CREDENTIALS[code]["state"]
        CredentialHeld.objects.get_or_create(
            profile=profile,
            credential=credential,
            state=credential.state or state,
            defaults={
                "expires_on": today + timedelta(days=expires_in),
                "issued_on": today - timedelta(days=issued_ago),
            },
        )


def _transcript(member: User, today: date) -> int:
    now = timezone.now()
    for days_ago, title, uan, hours, kind, tags, confirmed in TRANSCRIPT:
        completed_on = today - timedelta(days=days_ago)
        full_uan = uan.format(yy=f"{completed_on.year % 100:02d}") if uan else ""
        fmt, topic, audience = ("H", "", "")
        if full_uan:
            parts = full_uan.split("-")
            fmt, topic, audience = parts[4][0], parts[4][1:], parts[5]
        provider = load_providers().get(full_uan[:4], "") if full_uan else "Employer training"
        CeRecord.objects.update_or_create(
            member=member,
            title=title,
            defaults={
                "provider_name": provider,
                "uan": full_uan,
                "completed_on": completed_on,
                "hours": Decimal(hours),
                "format": fmt,
                "topic_code": topic,
                "audience": audience,
                "kind": kind,
                "tags": tags,
                "cpe_monitor_status": (
                    CeRecord.CpeMonitor.CONFIRMED
                    if confirmed
                    else CeRecord.CpeMonitor.PENDING
                    if full_uan
                    else CeRecord.CpeMonitor.NOT_APPLICABLE
                ),
                "cpe_monitor_confirmed_at": now if confirmed else None,
            },
        )
    return len(TRANSCRIPT)


def _catalog(today: date) -> int:
    providers = load_providers()
    yy = f"{today.year % 100:02d}"
    for number, title, sequence, format_topic, audience, hours, cost, tags in COURSES:
        provider, _ = CeProvider.objects.get_or_create(
            name=providers.get(number, f"ACPE provider {number}"),
            defaults={"acpe_number": number},
        )
        Course.objects.update_or_create(
            provider=provider,
            title=title,
            defaults={
                "uan": f"{number}-0000-{yy}-{sequence}-{format_topic}-{audience}",
                "hours": Decimal(hours),
                "topic_code": format_topic[1:],
                "audience": audience,
                "format": format_topic[0],
                "tags": tags,
                "cost": Decimal(cost),
                "description": "Demo listing: the activity number is illustrative.",
            },
        )
    return len(COURSES)


def seed(context: DemoContext) -> None:
    member = context.objects.get("member")
    if member is None:
        return
    today = timezone.localdate()
    _credentials(member, today)
    records = _transcript(member, today)
    courses = _catalog(today)
    context.summary.append(
        f"CE: {records} transcript records for the demo member, {courses} courses."
    )
