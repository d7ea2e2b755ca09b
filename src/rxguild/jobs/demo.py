"""Demo jobs: fictional employers of every kind across the 13 researched states, and a few
hundred postings built from the catalog (settings, credentials, skills). Deterministic
(seeded) and idempotent; bulk inserts keep `make run` fast. The same generator feeds the
search benchmark (benchmarks/bench_jobs_search.py) at 100,000 and 1,000,000 postings.

Employers and postings are invented for the demo; credential codes are the catalog's, and
a posting only references a credential the catalog has loaded.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.jobs import geo
from rxguild.jobs.models import Employer, EmployerMember, JobPosting, PostingCredential

DEMO_POSTINGS = 320
DEMO_SEED = 20260426
STATES = ("CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "NJ", "VA", "WA")

# Real ZIP codes of each state's main metros, with the centroid, city and state the
# `zipcodes` package (3.0.0) gives for them: copied here so seeding needn't load the whole
# ZIP table (~1 s). tests/jobs/test_demo.py checks they still agree with the package.
METRO_ZIPS: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    "CA": (
        ("90012", "Los Angeles", 34.0614, -118.2385),
        ("94110", "San Francisco", 37.7509, -122.4153),
        ("92101", "San Diego", 32.7185, -117.1593),
        ("95814", "Sacramento", 38.5804, -121.4922),
        ("95112", "San Jose", 37.3476, -121.887),
        ("93721", "Fresno", 36.7377, -119.7843),
    ),
    "TX": (
        ("77030", "Houston", 29.7041, -95.401),
        ("77002", "Houston", 29.7594, -95.3594),
        ("75201", "Dallas", 32.7904, -96.8044),
        ("78701", "Austin", 30.2713, -97.7426),
        ("78205", "San Antonio", 29.4237, -98.4925),
        ("76102", "Fort Worth", 32.7589, -97.328),
        ("79901", "El Paso", 31.7584, -106.4783),
    ),
    "FL": (
        ("33130", "Miami", 25.7672, -80.2059),
        ("32801", "Orlando", 28.5399, -81.3727),
        ("33602", "Tampa", 27.9614, -82.4597),
        ("32202", "Jacksonville", 30.3299, -81.6517),
        ("32301", "Tallahassee", 30.4286, -84.2593),
    ),
    "NY": (
        ("10001", "New York", 40.7484, -73.9967),
        ("10016", "New York", 40.7443, -73.9781),
        ("11201", "Brooklyn", 40.694, -73.9903),
        ("14203", "Buffalo", 42.8939, -78.8681),
        ("12207", "Albany", 42.6526, -73.7562),
        ("14604", "Rochester", 43.1577, -77.608),
    ),
    "PA": (
        ("19104", "Philadelphia", 39.9597, -75.2024),
        ("15213", "Pittsburgh", 40.444, -79.9552),
        ("17101", "Harrisburg", 40.2618, -76.8831),
        ("18101", "Allentown", 40.6026, -75.4691),
    ),
    "IL": (
        ("60611", "Chicago", 41.8971, -87.6223),
        ("60612", "Chicago", 41.8805, -87.6873),
        ("62701", "Springfield", 39.8, -89.6495),
        ("61602", "Peoria", 40.6936, -89.589),
    ),
    "OH": (
        ("43215", "Columbus", 39.9671, -83.0044),
        ("44106", "Cleveland", 41.5084, -81.6076),
        ("45202", "Cincinnati", 39.1072, -84.502),
        ("43604", "Toledo", 41.6614, -83.5249),
    ),
    "GA": (
        ("30303", "Atlanta", 33.7525, -84.3888),
        ("31401", "Savannah", 32.0749, -81.0883),
        ("30901", "Augusta", 33.4601, -81.973),
    ),
    "NC": (
        ("27514", "Chapel Hill", 35.9203, -79.0372),
        ("27701", "Durham", 35.9967, -78.8966),
        ("28202", "Charlotte", 35.229, -80.8419),
        ("27601", "Raleigh", 35.7727, -78.6324),
    ),
    "MI": (
        ("48201", "Detroit", 42.3474, -83.0604),
        ("48109", "Ann Arbor", 42.2776, -83.7409),
        ("49503", "Grand Rapids", 42.9659, -85.6527),
        ("48933", "Lansing", 42.7334, -84.5571),
    ),
    "NJ": (
        ("07102", "Newark", 40.732, -74.1765),
        ("08901", "New Brunswick", 40.4891, -74.4482),
        ("08608", "Trenton", 40.2204, -74.7622),
        ("07030", "Hoboken", 40.7445, -74.0329),
    ),
    "VA": (
        ("23219", "Richmond", 37.5463, -77.4378),
        ("23510", "Norfolk", 36.8529, -76.2878),
        ("22201", "Arlington", 38.8871, -77.0932),
        ("24016", "Roanoke", 37.2704, -79.9535),
    ),
    "WA": (
        ("98101", "Seattle", 47.6114, -122.3305),
        ("98104", "Seattle", 47.6036, -122.3256),
        ("99201", "Spokane", 47.6665, -117.4365),
        ("98402", "Tacoma", 47.2545, -122.4405),
    ),
}

# (slug, name, kind, practice setting codes, pay unit, hourly range)
EMPLOYERS = (
    ("lone-star-health", "Lone Star Health System", "health_system",
     ("hospital-health-system", "compounding-sterile", "ambulatory-clinic", "informatics"),
     (19, 30)),
    ("cornerstone-pharmacy", "Cornerstone Pharmacy", "retail_chain",
     ("retail-community",), (16, 23)),
    ("main-street-drug", "Main Street Drug Co.", "retail_chain",
     ("retail-community",), (15, 22)),
    ("parcelrx", "ParcelRx Mail Pharmacy", "mail_order",
     ("mail-order-central-fill",), (17, 24)),
    ("isotope-nuclear", "Isotope Nuclear Pharmacy", "nuclear", ("nuclear",), (21, 31)),
    ("evergreen-ltc", "Evergreen Long-Term Care Pharmacy", "ltc", ("long-term-care",), (17, 24)),
    ("meridian-specialty", "Meridian Specialty Pharmacy", "specialty",
     ("specialty", "home-infusion"), (19, 28)),
    ("artisan-compounding", "Artisan Compounding Pharmacy", "compounding",
     ("compounding-nonsterile", "compounding-sterile"), (18, 27)),
    ("clearpath-pbm", "ClearPath Benefits (PBM)", "pbm", ("pbm-insurance",), (18, 26)),
)  # fmt: skip

TITLES = {
    "retail-community": ("Pharmacy Technician", "Certified Pharmacy Technician",
                         "Lead Pharmacy Technician", "Pharmacy Technician Trainee",
                         "Pharmacy Cashier and Technician"),
    "hospital-health-system": ("Inpatient Pharmacy Technician", "IV Room Pharmacy Technician",
                               "Pharmacy Technician II", "Medication History Technician",
                               "Operating Room Pharmacy Technician"),
    "compounding-sterile": ("Sterile Compounding Technician", "IV Compounding Technician",
                            "Chemotherapy Compounding Technician"),
    "compounding-nonsterile": ("Compounding Pharmacy Technician",
                               "Nonsterile Compounding Technician"),
    "ambulatory-clinic": ("Clinic Pharmacy Technician", "Prior Authorization Technician"),
    "informatics": ("Pharmacy Informatics Technician", "Pharmacy Automation Technician"),
    "mail-order-central-fill": ("Mail Order Pharmacy Technician", "Central Fill Technician",
                                "Prescription Data Entry Technician"),
    "nuclear": ("Nuclear Pharmacy Technician", "Radiopharmacy Technician"),
    "long-term-care": ("Long-Term Care Pharmacy Technician", "Cycle Fill Technician",
                       "LTC Order Entry Technician"),
    "specialty": ("Specialty Pharmacy Technician", "Patient Access Technician",
                  "Benefits Investigation Technician"),
    "home-infusion": ("Home Infusion Pharmacy Technician",),
    "pbm-insurance": ("PBM Pharmacy Technician", "Prior Authorization Technician",
                      "Claims Pharmacy Technician"),
}  # fmt: skip

SENTENCES = {
    "retail-community": (
        "Serve patients at the counter and drive-thru, process new and refill prescriptions, "
        "and help with immunization paperwork.",
        "Count, pour and label prescriptions, resolve insurance rejections and keep will-call "
        "tidy.",
    ),
    "hospital-health-system": (
        "Fill cart exchanges and first doses, restock automated dispensing cabinets and deliver "
        "medications to nursing units.",
        "Work with pharmacists on inpatient order processing and medication reconciliation.",
    ),
    "compounding-sterile": (
        "Prepare compounded sterile preparations under USP <797> in an ISO 5 hood, "
        "with garbing, gloved fingertip testing and media fills.",
        "Compound hazardous drugs following USP <800> in a containment segregated compounding "
        "area.",
    ),
    "compounding-nonsterile": (
        "Compound creams, capsules and suspensions under USP <795>, keeping master formulation "
        "and compounding records.",
    ),
    "ambulatory-clinic": (
        "Support clinic pharmacists with prior authorizations, patient outreach and refill "
        "coordination.",
    ),
    "informatics": (
        "Maintain the drug formulary build, barcode scanning and dispensing cabinet data in the "
        "electronic health record.",
    ),
    "mail-order-central-fill": (
        "Fill high-volume prescriptions with automation, verify NDCs by barcode and pack orders "
        "for shipping.",
    ),
    "nuclear": (
        "Prepare and deliver radiopharmaceutical unit doses early in the morning, with radiation "
        "safety training provided.",
    ),
    "long-term-care": (
        "Prepare cycle fills and blister packs for nursing facilities and handle emergency kits.",
    ),
    "specialty": (
        "Run benefits investigations, coordinate copay assistance and schedule deliveries of "
        "specialty medications.",
    ),
    "home-infusion": (
        "Prepare infusion supplies and compounded IV medications for home patients.",
    ),
    "pbm-insurance": (
        "Review prior authorization requests and pharmacy claims by phone and in the claims "
        "system; no weekends.",
    ),
}
COMMON = (
    "We offer medical, dental and vision benefits, paid time off and a 401(k) match.",
    "Tuition help is available for PTCB certification and continuing education.",
    "Join a team that trains and promotes pharmacy technicians from within.",
    "Shifts are scheduled four weeks ahead.",
)
SKILLS_BY_SETTING = {
    "retail-community": ("prescription-intake", "prescription-data-entry", "point-of-sale",
                         "will-call", "counting-pouring", "drive-thru"),
    "hospital-health-system": ("cart-fill", "nursing-unit-delivery", "stat-first-dose",
                               "inpatient-order-processing", "unit-dose-packaging"),
    "compounding-sterile": ("sterile-compounding", "aseptic-technique", "usp-797", "garbing",
                            "cleanroom", "beyond-use-dating"),
    "mail-order-central-fill": ("mail-order-fulfillment", "barcode-verification", "ndc"),
    "long-term-care": ("ltc-dispensing", "cycle-fill", "adherence-packaging", "emergency-kits"),
}  # fmt: skip
SHIFTS = ("day", "day", "day", "evening", "night", "rotating", "weekend")


@dataclass
class GeneratedPosting:
    external_id: str
    employer_slug: str
    values: dict[str, Any]
    required: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


def _zip_pool() -> dict[str, list[geo.ZipCentroid]]:
    return {
        state: [geo.ZipCentroid(z, city, state, lat, lon) for z, city, lat, lon in rows]
        for state, rows in METRO_ZIPS.items()
    }


def generate(
    count: int,
    *,
    seed: int = DEMO_SEED,
    now: datetime | None = None,
    known_credentials: set[str] | None = None,
    known_skills: set[str] | None = None,
    prefix: str = "demo",
) -> Iterator[GeneratedPosting]:
    """Realistic postings: title, description, setting, pay and credentials that fit the
    employer; spread over the 13 states' metros and the last 28 days."""
    rng = random.Random(seed)
    now = now or timezone.now()
    pool = _zip_pool()
    states = [s for s in STATES if s in pool]
    for n in range(count):
        slug, name, _kind, settings, (low, high) = EMPLOYERS[n % len(EMPLOYERS)]
        setting = rng.choice(settings)
        state = rng.choice(states)
        place = rng.choice(pool[state])
        title = rng.choice(TITLES.get(setting, ("Pharmacy Technician",)))
        is_intern = rng.random() < 0.06
        kind = JobPosting.Kind.JOB
        if is_intern:
            kind = rng.choice((JobPosting.Kind.INTERNSHIP, JobPosting.Kind.EXTERNSHIP))
            title = f"Pharmacy Technician {kind.label}"
        employment = (
            "INTERN"
            if is_intern
            else rng.choices(
                ("FULL_TIME", "PART_TIME", "PER_DIEM", "TEMPORARY", "CONTRACTOR"),
                weights=(60, 22, 10, 4, 4),
            )[0]
        )
        pay_min = Decimal(str(round(rng.uniform(low, (low + high) / 2), 2)))
        pay_max = (pay_min + Decimal(str(round(rng.uniform(2, 6), 2)))).quantize(Decimal("0.01"))
        pay_unit = "HOUR"
        if setting == "pbm-insurance" and rng.random() < 0.5:
            pay_unit = "YEAR"
            pay_min, pay_max = (
                (pay_min * 2080).quantize(Decimal(1)),
                (pay_max * 2080).quantize(Decimal(1)),
            )
        hourly = pay_min if pay_unit == "HOUR" else (pay_min / 2080).quantize(Decimal("0.01"))
        required: list[str] = []
        preferred: list[str] = []
        state_cred = f"state-{state.lower()}-technician"
        if not is_intern and rng.random() < 0.7:
            required.append(state_cred)
        elif is_intern and rng.random() < 0.5:
            required.append(f"{state_cred}-trainee")
        cert_roll = rng.random()
        if not is_intern and cert_roll < 0.4:
            required.append("ptcb-cpht")
        elif not is_intern and cert_roll < 0.75:
            preferred.append("ptcb-cpht")
            preferred.append("nha-excpt")
        if setting == "compounding-sterile" and rng.random() < 0.6:
            (required if rng.random() < 0.4 else preferred).append("ptcb-cspt")
        if setting == "ambulatory-clinic" and rng.random() < 0.4:
            preferred.append("ptcb-abc-medication-history")
        if known_credentials is not None:
            required = [c for c in required if c in known_credentials]
            preferred = [c for c in preferred if c in known_credentials and c not in required]
        skills = list(SKILLS_BY_SETTING.get(setting, ()))
        skills = rng.sample(skills, k=min(len(skills), rng.randint(2, 4))) if skills else []
        if known_skills is not None:
            skills = [s for s in skills if s in known_skills]
        paragraphs = [
            f"{name} is hiring a {title.lower()} in {place.city}, {state}.",
            *rng.sample(SENTENCES.get(setting, COMMON), k=1),
            *rng.sample(COMMON, k=2),
        ]
        if required:
            paragraphs.append("Required: " + ", ".join(required) + ".")
        posted = now - timedelta(days=rng.uniform(0, 28), minutes=rng.randint(0, 600))
        yield GeneratedPosting(
            external_id=f"{prefix}-{n + 1:07d}",
            employer_slug=slug,
            values={
                "title": title,
                "description": "\n\n".join(paragraphs),
                "kind": kind,
                "employment_type": employment,
                "shift": rng.choice(SHIFTS),
                "setting_code": setting,
                "experience_months": rng.choice((0, 0, 6, 12, 12, 24, 36)),
                "location_type": "remote"
                if setting in {"pbm-insurance", "informatics"} and rng.random() < 0.3
                else "on_site",
                "city": place.city,
                "state": state,
                "zip_code": place.zip_code,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "geo_cell": geo.cell_of(place.latitude, place.longitude),
                "pay_min": pay_min,
                "pay_max": pay_max,
                "pay_unit": pay_unit,
                "pay_hourly_min": hourly,
                "date_posted": posted,
                "valid_through": posted + timedelta(days=30),
                "last_verified_at": posted + timedelta(days=rng.uniform(0, 2)),
                "status": JobPosting.Status.PUBLISHED,
            },
            required=required,
            preferred=preferred,
            skills=skills,
        )


def search_document(employer_name: str, setting_name: str, skill_names: list[str],
                    credential_texts: list[str], values: dict[str, Any]) -> str:  # fmt: skip
    parts = [employer_name, values["city"], values["state"], setting_name, *skill_names,
             *credential_texts, values["description"]]  # fmt: skip
    return "\n".join(p for p in parts if p)


def ensure_employers() -> dict[str, Employer]:
    employers = {}
    for slug, name, kind, _settings, _pay in EMPLOYERS:
        employer, _ = Employer.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
        employers[slug] = employer
    return employers


def seed(context: Any) -> None:
    """Seed the demo employers and postings (idempotent: existing demo ids are skipped)."""
    from rxguild.jobs.search import get_backend

    with transaction.atomic():
        employers = ensure_employers()
        recruiter = context.objects.get("recruiter")
        if recruiter is not None:
            EmployerMember.objects.get_or_create(
                employer=employers["lone-star-health"],
                user=recruiter,
                defaults={"role": EmployerMember.Role.ADMIN},
            )
        existing = set(
            JobPosting.objects.filter(external_id__startswith="demo-").values_list(
                "external_id", flat=True
            )
        )
        credentials = {c.code: c for c in Credential.objects.all()}
        settings = {s.code: s for s in PracticeSetting.objects.all()}
        skills = {s.code: s for s in Skill.objects.all()}
        generated = [
            g
            for g in generate(
                DEMO_POSTINGS, known_credentials=set(credentials), known_skills=set(skills)
            )
            if g.external_id not in existing
        ]
        postings = []
        for g in generated:
            values = dict(g.values)
            setting = settings.get(values.pop("setting_code"))
            employer = employers[g.employer_slug]
            postings.append(
                JobPosting(
                    employer=employer,
                    external_id=g.external_id,
                    practice_setting=setting,
                    created_by=recruiter if g.employer_slug == "lone-star-health" else None,
                    search_document=search_document(
                        employer.name,
                        setting.name if setting else "",
                        [skills[s].name for s in g.skills],
                        [
                            f"{credentials[c].abbreviation} {credentials[c].name}"
                            for c in g.required + g.preferred
                        ],
                        values,
                    ),
                    **values,
                )
            )
        created = JobPosting.objects.bulk_create(postings, batch_size=500)
        # Demo review queue: a couple of recruiter postings waiting for staff.
        for posting in created[:2]:
            posting.status = JobPosting.Status.IN_REVIEW
        JobPosting.objects.bulk_update(created[:2], ["status"])
        links = []
        skill_links = []
        through = JobPosting.skills.through
        for posting, g in zip(created, generated, strict=True):
            links += [
                PostingCredential(posting=posting, credential=credentials[c], required=True)
                for c in g.required
            ]
            links += [
                PostingCredential(posting=posting, credential=credentials[c], required=False)
                for c in g.preferred
            ]
            skill_links += [through(jobposting=posting, skill=skills[s]) for s in g.skills]
        PostingCredential.objects.bulk_create(links, batch_size=1000)
        through.objects.bulk_create(skill_links, batch_size=1000)
        get_backend().refresh([p.pk for p in created])
    total = JobPosting.objects.filter(external_id__startswith="demo-").count()
    context.summary.append(
        f"Jobs: {len(employers)} employers, {total} demo postings "
        f"({len(created)} new); recruiter posts for Lone Star Health System."
    )
