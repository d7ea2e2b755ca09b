"""Demo ledger for the demo member: a past retail job, a current hospital IV-room job (part
sterile compounding and hazardous drugs) and the externship that started it. Runs after the
accounts seeder (core.demo.DEMO_APPS); idempotent: an entry is looked up by site and start
date before it is made.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from rxguild.accounts.models import Role, User
from rxguild.accounts.services import role_grant
from rxguild.core.demo import DEMO_PASSWORD, DemoContext
from rxguild.core.signed_links import link_issue
from rxguild.experience.competency import add_months
from rxguild.experience.demo_programs import demo_midpoint_evaluation, demo_program_lists
from rxguild.experience.hours import week_of
from rxguild.experience.models import (
    CompetencyRecord,
    Enrollment,
    EnrollmentStatus,
    ExperienceEntry,
    ExperienceVerification,
    HourSignOff,
    TrainingProgram,
    VerificationStatus,
)
from rxguild.experience.services import (
    competency_record_add,
    experience_entry_add,
    experience_verification_request,
    experience_verification_respond,
)
from rxguild.experience.services.hours import (
    SIGNOFF_PURPOSE,
    hour_log_add,
    hour_signoff_request,
    hour_signoff_respond,
)
from rxguild.experience.services.programs import enrollment_accept
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
    _seed_student(context)
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
    _seed_competencies(member)
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


DEMO_STUDENT_EMAIL = "student@rxguild.local"


DEMO_COORDINATOR_EMAIL = "coordinator@rxguild.local"


def _demo_user(email: str, first: str, last: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    role_grant(user=user, role=Role.MEMBER)
    return user


def _student() -> User:
    return _demo_user(DEMO_STUDENT_EMAIL, "Jordan", "Lee")


def _program(student: User, entry: ExperienceEntry) -> None:
    coordinator = _demo_user(DEMO_COORDINATOR_EMAIL, "Casey", "Nguyen")
    program, _ = TrainingProgram.objects.get_or_create(
        name="Pharmacy Technician Certificate Program",
        defaults={"organization": "Capital Area Community College (demo)", "required_hours": 160},
    )
    program.coordinators.add(coordinator)
    invitation, _ = Enrollment.objects.get_or_create(program=program, student=student)
    if invitation.status == EnrollmentStatus.INVITED:
        enrollment_accept(enrollment=invitation, entry=entry)
    demo_program_lists(program, invitation)
    demo_midpoint_evaluation(entry)


def _seed_student(context: DemoContext) -> None:
    """A student halfway through a 160-hour externship: two weeks (80 h) signed by the
    preceptor, and one day of the last week logged but not yet sent."""
    student = _student()
    context.objects["student"] = student
    context.logins.append(f"Demo student:   {DEMO_STUDENT_EMAIL} / {DEMO_PASSWORD}")
    context.logins.append(
        f"Program coordinator: {DEMO_COORDINATOR_EMAIL} / {DEMO_PASSWORD}  (/experience/programs/)"
    )
    existing = ExperienceEntry.objects.filter(member=student).first()
    if existing is not None:
        _program(student, existing)
        return
    last_monday, _ = week_of(timezone.localdate() - timedelta(days=7))
    first_monday = last_monday - timedelta(days=14)
    entry = experience_entry_add(
        member=student,
        kind="externship",
        site_name="Central Texas Medical Center",
        site_city="Austin",
        site_state="TX",
        setting_code="hospital-health-system",
        role="Pharmacy technician extern",
        started_on=first_monday,
        ended_on=first_monday + timedelta(weeks=5),
        logged_hours=1,  # replaced by the log's total below
        required_hours=160,
        duty_percent={"sterile-compounding": 25},
    )
    for week in range(2):
        monday = first_monday + timedelta(weeks=week)
        for day in range(5):
            hour_log_add(
                entry=entry,
                worked_on=monday + timedelta(days=day),
                hours=8,
                tasks="Unit-dose fill, cart exchange" if day % 2 else "IV room with preceptor",
                competencies=["garbing-gft"] if day == 0 else [],
            )
        signoff = hour_signoff_request(
            entry=entry,
            period_start=monday,
            period_end=monday + timedelta(days=6),
            preceptor_name="Sam Ortiz",
            preceptor_role="Preceptor, RPh",
            preceptor_email="sam.ortiz@example.org",
        )
        issued = link_issue(purpose=SIGNOFF_PURPOSE, object_id=signoff.pk)
        HourSignOff.objects.filter(pk=signoff.pk).update(link_digest=issued.digest)
        hour_signoff_respond(
            token=issued.token,
            decision="sign",
            preceptor_name="Sam Ortiz",
            preceptor_role="Preceptor, RPh",
        )
    hour_log_add(entry=entry, worked_on=last_monday, hours=8, tasks="Order entry")
    _program(student, entry)
    context.summary.append("Experience: demo student with 80 of 160 externship hours signed.")


def _seed_competencies(member: Any) -> None:
    """The IV-room job's evaluations: garbing three times at hire, a media fill four months ago
    (due in about two) and hazardous drug training due within the month."""
    if CompetencyRecord.objects.filter(member=member).exists():
        return
    today = timezone.localdate()
    site = "St. David's Medical Center IV room"
    for day in range(3):
        competency_record_add(
            member=member,
            competency="garbing-gft",
            category="category-1-2",
            performed_on=add_months(today, -5) + timedelta(days=day),
            passed=True,
            site_name=site,
            evaluator_name="Dana Brooks",
            evaluator_role="Designated person",
            notes="0 CFU both hands",
        )
    competency_record_add(
        member=member,
        competency="aseptic-media-fill",
        category="category-1-2",
        performed_on=add_months(today, -4),
        passed=True,
        site_name=site,
        evaluator_name="Dana Brooks",
        evaluator_role="Designated person",
    )
    competency_record_add(
        member=member,
        competency="hazardous-drug-training",
        performed_on=add_months(today, -12) + timedelta(days=20),
        passed=True,
        site_name=site,
    )
