"""Operations that change accounts state: roles. (Token operations live in tokens.py.)"""

from __future__ import annotations

from django.db import transaction

from rxguild.accounts.models import Role, RoleGrant, User


class RoleError(ValueError):
    pass


@transaction.atomic
def role_grant(*, user: User, role: str) -> None:
    """Give `user` a role. Idempotent. Staff is the `is_staff` flag (it opens the Django admin),
    so granting staff sets the flag rather than adding a grant row."""
    if role not in Role.values:
        raise RoleError(f"Unknown role: {role!r}.")
    if role == Role.STAFF:
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        return
    RoleGrant.objects.get_or_create(user=user, role=role)


@transaction.atomic
def role_revoke(*, user: User, role: str) -> None:
    """Take a role away. Idempotent. Revoking staff also clears is_staff."""
    if role not in Role.values:
        raise RoleError(f"Unknown role: {role!r}.")
    if role == Role.STAFF:
        if user.is_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        return
    RoleGrant.objects.filter(user=user, role=role).delete()


@transaction.atomic
def member_signup_complete(*, user: User) -> None:
    """What every new account gets, called explicitly from the allauth adapter's save_user."""
    role_grant(user=user, role=Role.MEMBER)
