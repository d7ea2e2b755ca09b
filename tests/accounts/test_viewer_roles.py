"""The instance-wide role rules, written once in accounts.viewer and asked by every app."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from rxguild.accounts.models import Role, RoleGrant, User
from rxguild.accounts.viewer import is_course_manager, is_site_moderator

pytestmark = pytest.mark.django_db


def _user(kind: str):
    if kind == "anonymous":
        return AnonymousUser()
    user = User.objects.create_user(
        username=f"{kind}@example.org", email=f"{kind}@example.org", password="x" * 12
    )
    if kind == "staff":
        user.is_staff = True
        user.save()
    elif kind != "member":
        RoleGrant.objects.create(user=user, role=kind)
    return user


@pytest.mark.parametrize(
    ("kind", "moderates", "manages_courses"),
    [
        ("anonymous", False, False),
        ("member", False, False),
        (Role.EMPLOYER, False, False),
        (Role.MODERATOR, True, False),
        (Role.CE_PROVIDER, False, True),
        ("staff", True, True),
    ],
    ids=["anonymous", "member", "employer", "moderator", "ce-provider", "staff"],
)
def test_role_rules(kind, moderates, manages_courses):
    viewer = _user(kind)
    assert (is_site_moderator(viewer), is_course_manager(viewer)) == (moderates, manages_courses)
    assert (is_site_moderator(None), is_course_manager(None)) == (False, False)
