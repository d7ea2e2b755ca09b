"""Who may see or change a member's profile: the one place that decides.

Pages, the API, the community directory and the resume builder all ask here. A profile a
viewer may not see is a plain 404, never a 403, so nobody learns that a handle exists:
anonymous visitors before the member made it public, everyone but the owner once the member
is deactivated, and both members of a block, whichever side blocked.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from rxguild.accounts.models import Role
from rxguild.accounts.viewer import Viewer
from rxguild.community.selectors.connections import is_blocked_between
from rxguild.profiles.models import (
    Audience,
    CredentialHeld,
    Education,
    Profile,
    ProfileSkill,
    WorkExperience,
)


class ViewerKind:
    OWNER = "owner"
    RECRUITER = "recruiter"
    MEMBER = "member"
    ANONYMOUS = "anonymous"


def viewer_kind(viewer: Viewer | None, profile: Profile) -> str:
    if viewer is None or not viewer.is_authenticated:
        return ViewerKind.ANONYMOUS
    if viewer.pk == profile.user_id:
        return ViewerKind.OWNER
    if viewer.has_role(Role.EMPLOYER):
        return ViewerKind.RECRUITER
    return ViewerKind.MEMBER


def audiences_for(kind: str, *, is_public: bool) -> frozenset[str]:
    """Which section audiences a kind of viewer may see (the rule table in the README)."""
    if kind == ViewerKind.OWNER:
        return frozenset(Audience.values)
    if kind == ViewerKind.RECRUITER:
        return frozenset({Audience.PUBLIC, Audience.MEMBERS, Audience.RECRUITERS})
    if kind == ViewerKind.MEMBER:
        return frozenset({Audience.PUBLIC, Audience.MEMBERS})
    return frozenset({Audience.PUBLIC}) if is_public else frozenset()


def profile_kind_for_viewer(viewer: Viewer | None, profile: Profile) -> str:
    """The kind of viewer `viewer` is for `profile`; Http404 if they may see none of it.

    `profile.user` should already be loaded (select_related): this costs one query for the
    block check when the viewer is a signed-in member other than the owner, none otherwise.
    """
    kind = viewer_kind(viewer, profile)
    if kind == ViewerKind.OWNER:
        return kind
    if not profile.user.is_active:
        raise Http404("No such profile.")
    if kind == ViewerKind.ANONYMOUS:
        if not profile.is_public:
            raise Http404("No such profile.")
        return kind
    if is_blocked_between(viewer, profile.user):
        raise Http404("No such profile.")
    return kind


# The owner's own rows. Filtering by owner makes another member's id a plain 404: no hint that
# it exists.


def work_experience_get_for_owner(user: Viewer, work_id: int) -> WorkExperience:
    return get_object_or_404(WorkExperience, pk=work_id, profile__user=user)


def education_get_for_owner(user: Viewer, education_id: int) -> Education:
    return get_object_or_404(Education, pk=education_id, profile__user=user)


def credential_held_get_for_owner(user: Viewer, held_id: int) -> CredentialHeld:
    return get_object_or_404(
        CredentialHeld.objects.select_related("credential"), pk=held_id, profile__user=user
    )


def profile_skill_get_for_owner(user: Viewer, profile_skill_id: int) -> ProfileSkill:
    return get_object_or_404(
        ProfileSkill.objects.select_related("skill"), pk=profile_skill_id, profile__user=user
    )
