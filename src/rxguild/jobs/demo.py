"""Demo jobs, from ``data/jobs/demo_postings.toml`` (read by `demo_data`): fictional regional
employers posting in their own states at their own workplaces, a hospital job near every demo
city, and students' roles paid as each posting says (often unpaid). Deterministic (seeded) and
idempotent; bulk inserts keep `make run` fast. The same generator feeds the search benchmark
(benchmarks/bench_jobs_search.py) at 100,000 and 1,000,000 postings.

Credential codes are the catalog's, a posting only references a credential the catalog has
loaded, and its description names credentials as the catalog does.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.jobs import geo
from rxguild.jobs.demo_data import DemoEmployer, demo_data, workplace_near
from rxguild.jobs.models import Employer, EmployerMember, JobPosting, PostingCredential
from rxguild.jobs.wording import credential_label

RECRUITER_EMPLOYER = "lone-star-health"  # the demo recruiter posts for it


@dataclass
class GeneratedPosting:
    external_id: str
    employer_slug: str
    values: dict[str, Any]
    required: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


def _student_pay(employer: DemoEmployer, kind: str) -> tuple[dict[str, Any], str]:
    """A student role's pay as the posting states it: unpaid, or a flat hourly amount."""
    amount = employer.student_pay_hourly
    if not amount:
        return (
            {"unpaid": True, "pay_min": None, "pay_max": None, "pay_unit": "", "hourly": None},
            f"This {kind} is unpaid.",
        )
    pay = Decimal(str(amount)).quantize(Decimal("0.01"))
    sentence = (
        f"This externship pays a stipend of ${pay} an hour."
        if kind == "externship"
        else f"This internship pays ${pay} an hour."
    )
    return {"unpaid": False, "pay_min": pay, "pay_max": pay, "pay_unit": "HOUR", "hourly": pay}, (
        sentence
    )


def _job_pay(employer: DemoEmployer, setting: str, rng: random.Random) -> dict[str, Any]:
    low, high = employer.pay_hourly
    pay_min = Decimal(str(round(rng.uniform(low, (low + high) / 2), 2)))
    pay_max = (pay_min + Decimal(str(round(rng.uniform(2, 6), 2)))).quantize(Decimal("0.01"))
    pay_max = min(pay_max, Decimal(str(high)))
    pay_unit = "HOUR"
    if setting == "pbm-insurance" and rng.random() < 0.5:
        pay_unit = "YEAR"
        pay_min, pay_max = (pay_min * 2080).quantize(Decimal(1)), (pay_max * 2080).quantize(1)
    hourly = pay_min if pay_unit == "HOUR" else (pay_min / 2080).quantize(Decimal("0.01"))
    return {"unpaid": False, "pay_min": pay_min, "pay_max": pay_max, "pay_unit": pay_unit,
            "hourly": hourly}  # fmt: skip


def generate(
    count: int,
    *,
    seed: int | None = None,
    now: datetime | None = None,
    known_credentials: set[str] | None = None,
    credential_names: Mapping[str, str] | None = None,
    known_skills: set[str] | None = None,
    prefix: str = "demo",
) -> Iterator[GeneratedPosting]:
    """Postings from the data file: each employer posts in its own state, at its own
    workplaces; the first ones are a hospital job near every demo city, the rest drawn by the
    employers' weights over the last 28 days. `credential_names` (code -> label) words the
    "Required:" sentence; without it the sentence is left out, never written with codes."""
    data = demo_data()
    rng = random.Random(data.seed if seed is None else seed)
    now = now or timezone.now()
    health_systems = {e.state: e for e in data.employers if e.kind == "health_system"}
    anchors = [(health_systems[p.state], p) for p in data.places if p.state in health_systems]
    weights = [e.weight for e in data.employers]
    places = {e.slug: data.places_in(e.state) for e in data.employers}
    for n in range(count):
        if n < len(anchors):
            employer, place = anchors[n]
            setting = "hospital-health-system"
        else:
            employer = rng.choices(data.employers, weights)[0]
            place = rng.choice(places[employer.slug])
            setting = rng.choice(employer.settings)
        workplace = workplace_near(employer, place)
        words = data.settings.get(setting)
        title = rng.choice(words.titles if words and words.titles else ("Pharmacy Technician",))
        kind = JobPosting.Kind.JOB
        if n >= len(anchors) and employer.student_role and rng.random() < data.intern_share:
            kind = JobPosting.Kind(employer.student_role)
            title = f"Pharmacy Technician {kind.label}"
        is_student = kind != JobPosting.Kind.JOB
        employment = (
            "INTERN"
            if is_student
            else rng.choices(
                ("FULL_TIME", "PART_TIME", "PER_DIEM", "TEMPORARY", "CONTRACTOR"),
                weights=(60, 22, 10, 4, 4),
            )[0]
        )
        pay_sentence = ""
        if is_student:
            pay, pay_sentence = _student_pay(employer, kind.value)
        else:
            pay = _job_pay(employer, setting, rng)
        required: list[str] = []
        preferred: list[str] = []
        state_cred = f"state-{employer.state.lower()}-technician"
        if not is_student and rng.random() < 0.7:
            required.append(state_cred)
        elif is_student and rng.random() < 0.5:
            required.append(f"{state_cred}-trainee")
        cert_roll = rng.random()
        if not is_student and cert_roll < 0.4:
            required.append("ptcb-cpht")
        elif not is_student and cert_roll < 0.75:
            preferred.append("ptcb-cpht")
            preferred.append("nha-excpt")
        if setting == "compounding-sterile" and not is_student and rng.random() < 0.6:
            (required if rng.random() < 0.4 else preferred).append("ptcb-cspt")
        if setting == "ambulatory-clinic" and rng.random() < 0.4:
            preferred.append("ptcb-abc-medication-history")
        if known_credentials is not None:
            required = [c for c in required if c in known_credentials]
            preferred = [c for c in preferred if c in known_credentials and c not in required]
        skills = list(words.skills if words else ())
        skills = rng.sample(skills, k=min(len(skills), rng.randint(2, 4))) if skills else []
        if known_skills is not None:
            skills = [s for s in skills if s in known_skills]
        duties = words.sentences if words and words.sentences else data.common_sentences
        paragraphs = [
            f"{employer.name} is hiring a {title.lower()} in {place.city}, {place.state}.",
            *rng.sample(duties, k=1),
            *([pay_sentence] if pay_sentence else rng.sample(data.common_sentences, k=2)),
        ]
        if required and credential_names is not None:
            paragraphs.append(
                "Required: " + ", ".join(credential_names.get(c, c) for c in required) + "."
            )
        posted = now - timedelta(days=rng.uniform(0, 28), minutes=rng.randint(0, 600))
        remote = setting in {"pbm-insurance", "informatics"} and rng.random() < 0.3
        yield GeneratedPosting(
            external_id=f"{prefix}-{n + 1:07d}",
            employer_slug=employer.slug,
            values={
                "title": title,
                "description": "\n\n".join(paragraphs),
                "kind": kind,
                "employment_type": employment,
                "shift": "day" if is_student else rng.choice(data.shifts),
                "setting_code": setting,
                "experience_months": 0 if is_student else rng.choice((0, 0, 6, 12, 12, 24, 36)),
                "location_type": "remote" if remote else "on_site",
                "city": place.city,
                "state": place.state,
                "zip_code": place.zip_code,
                "latitude": workplace.latitude,
                "longitude": workplace.longitude,
                "location_precision": workplace.precision,
                "geo_cell": geo.cell_of(workplace.latitude, workplace.longitude),
                "pay_min": pay["pay_min"],
                "pay_max": pay["pay_max"],
                "pay_unit": pay["pay_unit"],
                "pay_hourly_min": pay["hourly"],
                "unpaid": pay["unpaid"],
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


@dataclass(frozen=True)
class DemoCatalog:
    """The catalog rows a generated posting refers to, by code."""

    credentials: Mapping[str, Credential]
    settings: Mapping[str, PracticeSetting]
    skills: Mapping[str, Skill]


def posting_from(
    g: GeneratedPosting, employers: Mapping[str, Employer], catalog: DemoCatalog, **extra: Any
) -> JobPosting:
    """An unsaved JobPosting for a generated one (`extra` sets or replaces fields)."""
    values = dict(g.values)
    setting = catalog.settings.get(values.pop("setting_code"))
    employer = employers[g.employer_slug]
    values.update(extra)
    credentials = catalog.credentials
    return JobPosting(
        employer=employer,
        external_id=g.external_id,
        practice_setting=setting,
        search_document=search_document(
            employer.name,
            setting.name if setting else "",
            [catalog.skills[s].name for s in g.skills],
            [
                f"{credentials[c].abbreviation} {credentials[c].name}"
                for c in g.required + g.preferred
            ],
            values,
        ),
        **values,
    )


def posting_links(
    pairs: Iterable[tuple[JobPosting, GeneratedPosting]], catalog: DemoCatalog
) -> tuple[list[PostingCredential], list[Any]]:
    """Unsaved credential requirements and skill links of saved postings."""
    links: list[PostingCredential] = []
    skill_links: list[Any] = []
    through = JobPosting.skills.through
    for posting, g in pairs:
        for codes, required in ((g.required, True), (g.preferred, False)):
            links += [
                PostingCredential(
                    posting=posting, credential=catalog.credentials[c], required=required
                )
                for c in codes
            ]
        skill_links += [through(jobposting=posting, skill=catalog.skills[s]) for s in g.skills]
    return links, skill_links


def ensure_employers() -> dict[str, Employer]:
    existing = {e.slug: e for e in Employer.objects.all()}
    missing = [
        Employer(slug=e.slug, name=e.name, kind=e.kind)
        for e in demo_data().employers
        if e.slug not in existing
    ]
    Employer.objects.bulk_create(missing)
    existing.update(
        {e.slug: e for e in Employer.objects.filter(slug__in=[m.slug for m in missing])}
    )
    return {e.slug: existing[e.slug] for e in demo_data().employers}


def seed(context: Any) -> None:
    """Seed the demo employers and postings (idempotent: existing demo ids are skipped)."""
    from rxguild.jobs.search import get_backend

    with transaction.atomic():
        employers = ensure_employers()
        recruiter = context.objects.get("recruiter")
        if recruiter is not None:
            EmployerMember.objects.get_or_create(
                employer=employers[RECRUITER_EMPLOYER],
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
        names = {c.code: credential_label(c.name, c.abbreviation) for c in credentials.values()}
        generated = [
            g
            for g in generate(
                demo_data().postings,
                known_credentials=set(credentials),
                credential_names=names,
                known_skills=set(skills),
            )
            if g.external_id not in existing
        ]
        catalog = DemoCatalog(credentials, settings, skills)
        postings = [
            posting_from(
                g,
                employers,
                catalog,
                created_by=recruiter if g.employer_slug == RECRUITER_EMPLOYER else None,
            )
            for g in generated
        ]
        created = JobPosting.objects.bulk_create(postings, batch_size=500)
        # Demo review queue: the recruiter's two newest-numbered postings wait for staff (not
        # the first ones: those are the hospital jobs that make every city's search useful).
        review = [
            p
            for p, g in zip(created, generated, strict=True)
            if g.employer_slug == RECRUITER_EMPLOYER
        ][-2:]
        for posting in review:
            posting.status = JobPosting.Status.IN_REVIEW
        JobPosting.objects.bulk_update(review, ["status"])
        links, skill_links = posting_links(zip(created, generated, strict=True), catalog)
        PostingCredential.objects.bulk_create(links, batch_size=1000)
        JobPosting.skills.through.objects.bulk_create(skill_links, batch_size=1000)
        get_backend().refresh([p.pk for p in created])
    total = JobPosting.objects.filter(external_id__startswith="demo-").count()
    context.summary.append(
        f"Jobs: {len(employers)} employers, {total} demo postings "
        f"({len(created)} new); recruiter posts for Lone Star Health System."
    )
