"""Employers and their recruiters."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.jobs.access import can_manage_employer
from rxguild.jobs.models import Employer, EmployerMember


def require_manager(user: Viewer, employer: Employer) -> None:
    if not can_manage_employer(user, employer):
        raise PermissionDenied("Only this employer's recruiters can manage its postings.")


def employer_create(*, name: str, kind: str, created_by: User, website: str = "") -> Employer:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ["A name is required."]})
    with transaction.atomic():
        base = slugify(name)[:70] or "employer"
        slug, n = base, 1
        while Employer.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        employer = Employer(name=name, kind=kind, website=website, slug=slug)
        employer.full_clean()
        employer.save()
        EmployerMember.objects.create(
            employer=employer, user=created_by, role=EmployerMember.Role.ADMIN
        )
    return employer


def employer_member_add(
    *, employer: Employer, user: User, added_by: Viewer, role: str = EmployerMember.Role.RECRUITER
) -> EmployerMember:
    if not can_manage_employer(added_by, employer):
        raise PermissionDenied("Only this employer's recruiters or staff can add recruiters.")
    with transaction.atomic():
        member, _ = EmployerMember.objects.get_or_create(
            employer=employer, user=user, defaults={"role": role}
        )
    return member
