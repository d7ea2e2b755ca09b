"""Demo profiles: a rich Texas profile for the demo member and ~20 members across the 13
researched states (for the directory and mentoring). Idempotent: keyed by email, and each
run replaces the demo members' profile facts with the same ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.core.demo import DEMO_PASSWORD, DemoContext
from rxguild.profiles import services
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    Education,
    OpenTo,
    Profile,
    WorkExperience,
)

DEMO_MEMBER_SKILLS = [
    "prescription-data-entry", "third-party-billing", "prior-authorization", "sterile-compounding",
    "aseptic-technique", "usp-797", "iv-piggybacks", "inventory-management", "hipaa",
    "automated-dispensing-cabinets", "medication-history", "customer-service",
]  # fmt: skip


@dataclass(frozen=True)
class DemoPeer:
    first: str
    last: str
    state: str
    zip_code: str
    setting_word: str  # matched against practice setting names
    headline: str
    years: int
    skills: tuple[str, ...]
    mentoring: bool


# ZIP codes are real, in the named state (the profile validation checks them).
PEERS = [
    DemoPeer(
        "Aiyana",
        "Brooks",
        "CA",
        "94110",
        "hospital",
        "IV room lead, CPhT",
        9,
        ("sterile-compounding", "usp-797", "cleanroom"),
        True,
    ),
    DemoPeer(
        "Ben",
        "Okafor",
        "CA",
        "90012",
        "retail",
        "Retail technician, bilingual",
        3,
        ("point-of-sale", "bilingual", "third-party-billing"),
        False,
    ),
    DemoPeer(
        "Carmen",
        "Diaz",
        "TX",
        "78701",
        "specialty",
        "Specialty pharmacy prior auth",
        6,
        ("prior-authorization", "specialty-pharmacy", "copay-assistance"),
        True,
    ),
    DemoPeer(
        "Dmitri",
        "Ivanov",
        "FL",
        "33101",
        "hospital",
        "Hazardous drug compounding",
        7,
        ("usp-800", "chemotherapy-compounding", "hd-ppe"),
        True,
    ),
    DemoPeer(
        "Ella",
        "Nguyen",
        "FL",
        "32801",
        "retail",
        "Pharmacy technician student",
        0,
        ("pharmacy-calculations", "customer-service", "medical-terminology"),
        False,
    ),
    DemoPeer(
        "Farah",
        "Haddad",
        "NY",
        "10001",
        "hospital",
        "Inpatient order processing",
        5,
        ("inpatient-order-processing", "cart-fill", "bd-pyxis"),
        False,
    ),
    DemoPeer(
        "Gabe",
        "Rossi",
        "NY",
        "14604",
        "mail",
        "Mail-order fulfillment lead",
        11,
        ("mail-order-fulfillment", "automated-packaging", "leadership"),
        True,
    ),
    DemoPeer(
        "Hana",
        "Kim",
        "PA",
        "19103",
        "hospital",
        "Medication history technician",
        4,
        ("medication-history", "medication-reconciliation", "ehr"),
        False,
    ),
    DemoPeer(
        "Isaac",
        "Miller",
        "PA",
        "15222",
        "long",
        "Long-term care dispensing",
        8,
        ("ltc-dispensing", "cycle-fill", "unit-dose-packaging"),
        True,
    ),
    DemoPeer(
        "Jada",
        "Thompson",
        "IL",
        "60601",
        "retail",
        "Certified technician, immunizations",
        6,
        ("immunization-administration", "vaccine-screening", "cpr-bls"),
        True,
    ),
    DemoPeer(
        "Kofi",
        "Mensah",
        "IL",
        "62701",
        "hospital",
        "Pharmacy buyer",
        12,
        ("drug-ordering", "drug-shortages", "inventory-management"),
        True,
    ),
    DemoPeer(
        "Lena",
        "Schultz",
        "OH",
        "43215",
        "hospital",
        "Certified pharmacy technician, IV",
        5,
        ("aseptic-technique", "iv-additives", "garbing"),
        False,
    ),
    DemoPeer(
        "Marcus",
        "Green",
        "OH",
        "44113",
        "retail",
        "Store technician trainee",
        1,
        ("prescription-intake", "refill-processing", "will-call"),
        False,
    ),
    DemoPeer(
        "Nia",
        "Carter",
        "GA",
        "30303",
        "specialty",
        "Specialty intake coordinator",
        4,
        ("prior-authorization", "eligibility-verification", "medicare-part-d"),
        False,
    ),
    DemoPeer(
        "Omar",
        "Farouk",
        "NC",
        "27601",
        "hospital",
        "Pharmacy informatics technician",
        10,
        ("pharmacy-informatics", "order-set-build", "cpoe"),
        True,
    ),
    DemoPeer(
        "Priya",
        "Shah",
        "NC",
        "28202",
        "retail",
        "Lead technician",
        7,
        ("workflow-management", "precepting", "third-party-billing"),
        True,
    ),
    DemoPeer(
        "Quinn",
        "Walsh",
        "MI",
        "48226",
        "hospital",
        "Sterile compounding technician",
        3,
        ("sterile-compounding", "media-fill", "beyond-use-dating"),
        False,
    ),
    DemoPeer(
        "Rosa",
        "Morales",
        "NJ",
        "07102",
        "retail",
        "Retail technician",
        2,
        ("counting-pouring", "prescription-labeling", "customer-service"),
        False,
    ),
    DemoPeer(
        "Sam",
        "Lee",
        "VA",
        "23219",
        "hospital",
        "Controlled substances technician",
        9,
        ("controlled-substance-records", "diversion-prevention", "dea-schedules"),
        True,
    ),
    DemoPeer(
        "Tara",
        "Johnson",
        "WA",
        "98101",
        "long",
        "LTC pharmacy technician",
        6,
        ("ltc-dispensing", "med-sync", "adherence-packaging"),
        False,
    ),
]


def _require_catalog() -> None:
    if not Credential.objects.filter(code="ptcb-cpht").exists() or not Skill.objects.exists():
        raise CommandError(
            "The catalog is not loaded: run `manage.py load_catalog` first, then seed_demo."
        )


def _setting(word: str) -> PracticeSetting | None:
    return PracticeSetting.objects.filter(name__icontains=word).order_by("code").first()


def _credential(code: str) -> Credential | None:
    return Credential.objects.filter(code=code).first()


def _skills(codes: list[str] | tuple[str, ...]) -> dict[Skill, int]:
    found = {skill.code: skill for skill in Skill.objects.filter(code__in=codes)}
    return {found[code]: 3 for code in codes if code in found}


def _months_from(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, min(day.day, 28))


def _reset_facts(profile: Profile) -> None:
    # Seeding replaces these facts each run, so they never pile up.
    WorkExperience.objects.filter(profile=profile).delete()
    Education.objects.filter(profile=profile).delete()
    CredentialHeld.objects.filter(profile=profile).delete()


def _seed_demo_member(member: User) -> Profile:
    today = timezone.localdate()
    profile = services.profile_get_or_create_for_user(user=member)
    hospital, retail = _setting("hospital"), _setting("retail") or _setting("community")
    services.profile_update(
        profile=profile,
        changes={
            "display_name": "Maria Alvarez, CPhT",
            "headline": "CPhT · IV room and sterile compounding · Houston",
            "brand_statement": (
                "Pharmacy technician with **seven years** in retail and hospital pharmacy.\n\n"
                "- USP <797> sterile compounding in a Texas Medical Center IV room\n"
                "- Prior authorizations and third-party billing\n"
                "- Training new technicians on aseptic technique"
            ),
            "zip_code": "77030",
            "state": "TX",
            "years_experience": 7,
            "is_public": True,
            "location_audience": Audience.PUBLIC,
            "photo_audience": Audience.MEMBERS,
            "work_audience": Audience.PUBLIC,
            "education_audience": Audience.PUBLIC,
            "credentials_audience": Audience.PUBLIC,
            "skills_audience": Audience.PUBLIC,
        },
        practice_settings=[s for s in (hospital, retail) if s],
    )
    _reset_facts(profile)
    services.work_experience_add(
        profile=profile,
        employer="Bayou City Medical Center",
        title="Certified Pharmacy Technician, IV Room",
        practice_setting=hospital,
        city="Houston",
        state="TX",
        start_date=dt.date(today.year - 4, 3, 1),
        summary="Compounds IV admixtures and TPN under USP <797>; restocks automated cabinets.",
    )
    services.work_experience_add(
        profile=profile,
        employer="Gulf Coast Community Pharmacy",
        title="Pharmacy Technician",
        practice_setting=retail,
        city="Pasadena",
        state="TX",
        start_date=dt.date(today.year - 7, 6, 1),
        end_date=dt.date(today.year - 4, 2, 1),
        summary="Data entry, insurance claims and prior authorizations at a busy retail counter.",
    )
    services.education_add(
        profile=profile,
        institution="Houston Community College",
        program="Pharmacy Technician Certificate",
        kind=Education.Kind.TRAINING_PROGRAM,
        accreditation="ASHP/ACPE",
        externship_hours=160,
        start_date=dt.date(today.year - 8, 8, 20),
        end_date=dt.date(today.year - 7, 5, 10),
    )
    cpht = _credential("ptcb-cpht")
    assert cpht is not None  # checked by _require_catalog
    # CPhT renews every two years: this cycle ends a few months from today.
    expires = _months_from(today, 4)
    services.credential_held_add(
        profile=profile,
        credential=cpht,
        number="DEMO-123456",
        issued_on=_months_from(expires, -24),
        expires_on=expires,
    )
    texas = _credential("state-tx-technician")
    if texas is not None:
        services.credential_held_add(
            profile=profile,
            credential=texas,
            number="DEMO-TX-98765",
            state="TX",
            issued_on=dt.date(today.year - 7, 7, 1),
            expires_on=_months_from(today, 9),
        )
    services.profile_skills_set(profile=profile, skill_levels=_skills(DEMO_MEMBER_SKILLS))
    services.open_to_set(
        profile=profile,
        signals={
            OpenTo.Kind.MENTORING: Audience.MEMBERS,
            OpenTo.Kind.INFO_INTERVIEWS: Audience.MEMBERS,
            OpenTo.Kind.JOBS: Audience.RECRUITERS,
        },
    )
    return profile


def _peer_user(peer: DemoPeer) -> User:
    email = f"{peer.first.lower()}.{peer.last.lower()}@demo.rxguild.local"
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": peer.first, "last_name": peer.last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.MEMBER)
    if peer.mentoring:
        RoleGrant.objects.get_or_create(user=user, role=Role.MENTOR)
    return user


def _seed_peer(peer: DemoPeer, index: int) -> Profile:
    today = timezone.localdate()
    user = _peer_user(peer)
    profile = services.profile_get_or_create_for_user(user=user)
    setting = _setting(peer.setting_word)
    services.profile_update(
        profile=profile,
        changes={
            "display_name": f"{peer.first} {peer.last}",
            "headline": peer.headline,
            "zip_code": peer.zip_code,
            "state": peer.state,
            "years_experience": peer.years,
            "is_public": index % 3 != 0,  # a third stay members-only
            "work_audience": Audience.PUBLIC,
            "skills_audience": Audience.PUBLIC,
            "credentials_audience": Audience.MEMBERS,
        },
        practice_settings=[setting] if setting else [],
    )
    _reset_facts(profile)
    if peer.years:
        services.work_experience_add(
            profile=profile,
            employer=f"{peer.last} Family Pharmacy"
            if peer.setting_word == "retail"
            else f"{peer.state} Health",
            title=peer.headline[:160],
            practice_setting=setting,
            state=peer.state,
            start_date=dt.date(today.year - peer.years, 1 + index % 12, 1),
        )
    held = [("ptcb-cpht", "")] if peer.years >= 2 else []
    if _credential(f"state-{peer.state.lower()}-technician"):
        held.append((f"state-{peer.state.lower()}-technician", peer.state))
    for code, state in held:
        credential = _credential(code)
        if credential is not None:
            services.credential_held_add(profile=profile, credential=credential, state=state)
    services.profile_skills_set(profile=profile, skill_levels=_skills(peer.skills))
    signals: dict[str, str] = {OpenTo.Kind.JOBS: Audience.RECRUITERS} if index % 2 else {}
    if peer.mentoring:
        signals[OpenTo.Kind.MENTORING] = Audience.MEMBERS
    services.open_to_set(profile=profile, signals=signals)
    return profile


def seed(context: DemoContext) -> None:
    _require_catalog()
    with transaction.atomic():
        member = context.objects["member"]
        profile = _seed_demo_member(member)
        peers = [_seed_peer(peer, index) for index, peer in enumerate(PEERS)]
    context.objects["member_profile"] = profile
    context.objects["demo_peers"] = [p.user for p in peers]
    context.summary.append(
        f"Profiles: demo member public page at /p/{profile.handle}/ and {len(peers)} other members"
    )
