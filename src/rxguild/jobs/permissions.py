"""Who may manage an employer's postings and who reviews them: the one place that decides."""

from __future__ import annotations

from typing import Any

from rxguild.accounts.models import Role
from rxguild.jobs.models import Employer, EmployerMember


def can_manage_employer(user: Any, employer: Employer) -> bool:
    """Staff, or a recruiter/admin member of this employer."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return EmployerMember.objects.filter(employer=employer, user=user).exists()


def can_review_postings(user: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.has_role(Role.MODERATOR))


def employers_managed_by(user: Any) -> list[Employer]:
    if user is None or not user.is_authenticated:
        return []
    if user.is_staff:
        return list(Employer.objects.all())
    return list(Employer.objects.filter(members__user=user).distinct())
