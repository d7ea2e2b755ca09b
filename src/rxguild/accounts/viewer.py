"""The type of whoever is asking (what `request.user` is), and the instance-wide roles.

Access helpers take a `Viewer`. Each rule that rests on a role alone ("staff or moderator",
"staff or CE provider") is written here once; every app's access module asks these.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from rxguild.accounts.models import Role, User

Viewer = User | AnonymousUser


def signed_in_member(viewer: Viewer) -> User:
    """The member behind a request that `login_required` or the API's authentication has let
    through, typed as such for the selectors and services that need a member. Reaching one
    anonymously is a wiring mistake, answered with "sign in" rather than a 500."""
    if not viewer.is_authenticated:
        raise PermissionDenied("Sign in first.")
    return viewer


def is_site_moderator(viewer: Viewer | None) -> bool:
    """Staff and moderators: they work the report queue, see all community activity and
    review job postings."""
    if viewer is None or not viewer.is_authenticated:
        return False
    return bool(viewer.is_staff or viewer.has_role(Role.MODERATOR))


def is_course_manager(viewer: Viewer | None) -> bool:
    """Staff and CE providers: they import and edit the CE course catalog."""
    if viewer is None or not viewer.is_authenticated:
        return False
    return bool(viewer.is_staff or viewer.has_role(Role.CE_PROVIDER))
