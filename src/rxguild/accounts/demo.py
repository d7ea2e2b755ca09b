"""Demo accounts: a member, a staff user and a recruiter (all email-verified)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from rxguild.accounts.models import Role, User
from rxguild.accounts.services import role_grant
from rxguild.core.demo import (
    DEMO_MEMBER_EMAIL,
    DEMO_PASSWORD,
    DEMO_RECRUITER_EMAIL,
    DEMO_STAFF_EMAIL,
    DemoContext,
)


def _user(email: str, *, first: str, last: str, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"username": email, "first_name": first, "last_name": last, "is_staff": staff},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        if staff:
            user.is_superuser = True
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(context: DemoContext) -> None:
    member = _user(DEMO_MEMBER_EMAIL, first="Maria", last="Alvarez")
    staff = _user(DEMO_STAFF_EMAIL, first="Sam", last="Staff", staff=True)
    recruiter = _user(DEMO_RECRUITER_EMAIL, first="Riley", last="Recruiter")
    for user, roles in (
        (member, [Role.MEMBER]),
        (staff, [Role.MEMBER, Role.MODERATOR]),
        (recruiter, [Role.MEMBER, Role.EMPLOYER]),
    ):
        for role in roles:
            role_grant(user=user, role=role)
    context.objects.update(member=member, staff=staff, recruiter=recruiter)
    context.logins += [
        f"Demo member:    {DEMO_MEMBER_EMAIL} / {DEMO_PASSWORD}",
        f"Staff (admin):  {DEMO_STAFF_EMAIL} / {DEMO_PASSWORD}   (admin at /staff/admin/)",
        f"Recruiter:      {DEMO_RECRUITER_EMAIL} / {DEMO_PASSWORD}",
    ]
