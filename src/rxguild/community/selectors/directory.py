"""The member directory. Filters only match what the viewer may see of each profile: a
member who shows their state to no one can't be found by searching for that state."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from rxguild.accounts.models import Role, User
from rxguild.accounts.viewer import Viewer
from rxguild.catalog.models import Specialization
from rxguild.community.models import Group, Membership
from rxguild.community.selectors.connections import blocked_ids
from rxguild.profiles.access import ViewerKind, audiences_for
from rxguild.profiles.models import Profile
from rxguild.profiles.selectors import (
    ProfileView,
    _profile_queryset,  # the same prefetches profile_view_build expects
    profile_get_for_viewer,
    profile_view_build,
)

PAGE_SIZE = 20


@dataclass(frozen=True)
class DirectoryQuery:
    name: str = ""
    state: str = ""
    practice_setting: str = ""  # PracticeSetting.code
    specialty: str = ""  # Specialization.code
    credential: str = ""  # Credential.code
    open_to: str = ""  # OpenTo.Kind value


def _viewer_kind(viewer: User) -> str:
    return ViewerKind.RECRUITER if viewer.has_role(Role.EMPLOYER) else ViewerKind.MEMBER


def directory_search(
    *, viewer: User, query: DirectoryQuery, page: int = 1
) -> tuple[Page, list[ProfileView]]:
    """One page of profiles matching `query`, each as `viewer` may see it."""
    kind = _viewer_kind(viewer)
    visible = list(audiences_for(kind, is_public=True))
    profiles: QuerySet[Profile] = (
        _profile_queryset()
        .filter(user__is_active=True)
        .exclude(user=viewer)
        .exclude(user_id__in=blocked_ids(viewer))
    )
    if query.name:
        for word in query.name.split()[:5]:
            profiles = profiles.filter(display_name__icontains=word)
    if query.state:
        profiles = profiles.filter(state=query.state.upper(), location_audience__in=visible)
    if query.practice_setting:
        profiles = profiles.filter(practice_settings__code=query.practice_setting)
    if query.credential:
        profiles = profiles.filter(
            credentials__credential__code=query.credential, credentials_audience__in=visible
        )
    if query.open_to:
        profiles = profiles.filter(open_to__kind=query.open_to, open_to__audience__in=visible)
    if query.specialty:
        specialty = Specialization.objects.filter(code=query.specialty).first()
        if specialty is None:
            profiles = profiles.none()
        else:
            # A specialty shows through credentials the member shares, or membership of a
            # public specialty circle (never a members-only or invite-only one).
            circle_members = Membership.objects.filter(
                group__specialization=specialty,
                group__visibility=Group.Visibility.PUBLIC,
                status=Membership.Status.ACTIVE,
            ).values("user_id")
            typical = specialty.typical_credentials.values("pk")
            profiles = profiles.filter(
                Q(user_id__in=circle_members)
                | Q(credentials__credential__in=typical, credentials_audience__in=visible)
            )
    profiles = profiles.distinct().order_by("display_name", "pk")
    paginator = Paginator(profiles, PAGE_SIZE)
    page_obj = paginator.get_page(page)
    return page_obj, [profile_view_build(profile, kind) for profile in page_obj.object_list]


def member_get_for_viewer(viewer: Viewer, handle: str) -> tuple[User, ProfileView]:
    """The member behind /p/<handle>/ if `viewer` may see them (blocks read as 404, decided by
    `profiles.access`)."""
    view = profile_get_for_viewer(viewer, handle)
    return view.profile.user, view
