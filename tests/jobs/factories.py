"""Factories for part A's job tests: catalog rows with the project's real codes, employers,
recruiters, members with credentials, and postings made through the services (so the
search index is maintained the way production maintains it)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.catalog.models import Confidence, Credential, PracticeSetting, Skill
from rxguild.jobs import services
from rxguild.jobs.models import Employer, EmployerMember, JobPosting
from rxguild.profiles.models import CredentialHeld, Profile

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"jobs-member{n}@example.org")
    username = factory.SelfAttribute("email")
    password = factory.django.Password(PASSWORD)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    slug = factory.Sequence(lambda n: f"employer-{n}")
    name = factory.Sequence(lambda n: f"Gulf Coast Health {n}")
    kind = Employer.Kind.HEALTH_SYSTEM


def credential(code: str, name: str, abbreviation: str = "", state: str = "") -> Credential:
    kind = Credential.Kind.STATE_REGISTRATION if state else Credential.Kind.CERTIFICATION
    row, _ = Credential.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "abbreviation": abbreviation,
            "kind": kind,
            "issuer": f"{state} State Board of Pharmacy" if state else "PTCB",
            "state": state,
            "source": "test fixture",
            "confidence": Confidence.HIGH,
        },
    )
    return row


def setting(code: str, name: str) -> PracticeSetting:
    row, _ = PracticeSetting.objects.get_or_create(
        code=code, defaults={"name": name, "source": "test fixture", "confidence": Confidence.HIGH}
    )
    return row


def skill(code: str, name: str) -> Skill:
    row, _ = Skill.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "category": Skill.Category.STERILE,
            "source": "test fixture",
            "confidence": Confidence.HIGH,
        },
    )
    return row


def make_catalog() -> dict[str, Any]:
    return {
        "cpht": credential("ptcb-cpht", "Certified Pharmacy Technician", "CPhT"),
        "cspt": credential(
            "ptcb-cspt", "Certified Compounded Sterile Preparation Technician", "CSPT"
        ),
        "tx": credential(
            "state-tx-technician", "Texas Pharmacy Technician Registration", "TX RPhT", "TX"
        ),
        "hospital": setting("hospital", "Hospital"),
        "retail": setting("community-retail", "Community / retail"),
        "iv": skill("sterile-compounding", "Sterile compounding"),
        "billing": skill("prior-authorization", "Prior authorization"),
    }


def recruiter_for(employer: Employer, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    RoleGrant.objects.create(user=user, role=Role.EMPLOYER)
    EmployerMember.objects.create(employer=employer, user=user)
    return user


def staff_user() -> User:
    return UserFactory(is_staff=True)


def member_with(*credentials: Credential, zip_code: str = "77030") -> User:
    user = UserFactory()
    profile = Profile.objects.create(user=user, display_name="Sam Tech", zip_code=zip_code)
    for c in credentials:
        CredentialHeld.objects.create(profile=profile, credential=c, state=c.state)
    return user


def posting_input(**overrides: Any) -> services.PostingInput:
    values: dict[str, Any] = {
        "title": "Pharmacy Technician",
        "description": "Fill prescriptions and support pharmacists.",
        "employment_type": "FULL_TIME",
        "zip_code": "77030",
        "pay_min": "19.00",
        "pay_max": "24.00",
        "pay_unit": "HOUR",
    }
    values.update(overrides)
    return services.PostingInput(**values)


def publish(employer: Employer, *, days_ago: float = 0, **overrides: Any) -> JobPosting:
    """A posting created by a recruiter and published by staff, through the services."""
    author = EmployerMember.objects.filter(employer=employer).first()
    actor = author.user if author else staff_user()
    posting = services.job_posting_create(
        employer=employer, author=actor, data=posting_input(**overrides), rate_limit=False
    )
    reviewer = User.objects.filter(is_staff=True).first() or staff_user()
    posting = services.job_posting_review(posting=posting, reviewer=reviewer, approve=True)
    if days_ago:
        JobPosting.objects.filter(pk=posting.pk).update(
            date_posted=timezone.now() - timedelta(days=days_ago)
        )
        posting.refresh_from_db()
    return posting
