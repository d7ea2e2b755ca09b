"""Reads of member profiles. `profile_view_build` renders only the sections the viewer's kind
may see (who may see a profile at all is `access.py`); pages and the API render only what it
returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import SafeString

from rxguild.accounts.viewer import Viewer, signed_in_member
from rxguild.core.markdown import render_markdown
from rxguild.profiles.access import (
    ViewerKind,
    audiences_for,
    profile_kind_for_viewer,
)
from rxguild.profiles.completeness import Completeness, ProfileFacts, completeness_from_facts
from rxguild.profiles.models import (
    CredentialHeld,
    Education,
    HandleAlias,
    OpenTo,
    Profile,
    ProfileSkill,
    WorkExperience,
)
from rxguild.wallet.selectors import credential_marks_attach

SECTIONS = ("location", "photo", "work", "education", "credentials", "skills")


@dataclass
class ProfileView:
    """What one viewer may see of one profile. A section is None when hidden from them."""

    profile: Profile  # for ids and the handle only: templates must not reach past this view
    viewer_kind: str
    handle: str
    display_name: str
    headline: str
    brand_statement_html: SafeString
    years_experience: int | None
    practice_settings: list[Any]
    is_public: bool
    location: dict[str, str] | None = None
    photo_url: str | None = None
    work: list[WorkExperience] | None = None
    education: list[Education] | None = None
    credentials: list[CredentialHeld] | None = None
    skills: list[ProfileSkill] | None = None
    open_to: list[OpenTo] = field(default_factory=list)

    @property
    def is_owner(self) -> bool:
        return self.viewer_kind == ViewerKind.OWNER

    @property
    def public_url(self) -> str:
        return reverse("profiles_public:detail", args=[self.handle])


def _profile_queryset() -> QuerySet[Profile]:
    return Profile.objects.select_related("user").prefetch_related(
        "practice_settings",
        "open_to",
        Prefetch(
            "work_history", queryset=WorkExperience.objects.select_related("practice_setting")
        ),
        "education",
        Prefetch("credentials", queryset=CredentialHeld.objects.select_related("credential")),
        Prefetch("skills", queryset=ProfileSkill.objects.select_related("skill")),
    )


def profile_view_build(profile: Profile, kind: str) -> ProfileView:
    """Build the view of an already-fetched profile for a kind of viewer."""
    visible = audiences_for(kind, is_public=profile.is_public)
    view = ProfileView(
        profile=profile,
        viewer_kind=kind,
        handle=profile.handle,
        display_name=profile.display_name,
        headline=profile.headline,
        brand_statement_html=render_markdown(profile.brand_statement),
        years_experience=profile.years_experience,
        practice_settings=list(profile.practice_settings.all()),
        is_public=profile.is_public,
    )
    if profile.location_audience in visible and (profile.zip_code or profile.state):
        view.location = {"zip_code": profile.zip_code, "state": profile.state}
    if profile.photo_audience in visible and profile.photo:
        view.photo_url = reverse("profiles_public:photo", args=[profile.handle])
    if profile.work_audience in visible:
        view.work = list(profile.work_history.all())
    if profile.education_audience in visible:
        view.education = list(profile.education.all())
    if profile.credentials_audience in visible:
        view.credentials = list(profile.credentials.all())
        credential_marks_attach(view.credentials)
    if profile.skills_audience in visible:
        view.skills = list(profile.skills.all())
    view.open_to = [signal for signal in profile.open_to.all() if signal.audience in visible]
    return view


def profile_get_for_viewer(viewer: Viewer | None, handle: str) -> ProfileView:
    """The profile at /p/<handle>/ as this viewer may see it; Http404 if they may see none
    (the rules are `access.profile_kind_for_viewer`)."""
    # A closed account (deletion pending: accounts.data_services) shows no profile.
    profile = get_object_or_404(_profile_queryset(), handle=handle, user__is_active=True)
    return profile_view_build(profile, profile_kind_for_viewer(viewer, profile))


def handle_renamed_to(viewer: Viewer | None, handle: str) -> str | None:
    """The current handle of the profile that was at /p/<handle>/ before, when `viewer` may
    see that profile; None otherwise (so an old handle reveals no more than a 404 would)."""
    alias = HandleAlias.objects.filter(handle=handle).select_related("profile__user").first()
    if alias is None:
        return None
    try:
        profile_kind_for_viewer(viewer, alias.profile)
    except Http404:
        return None
    return alias.profile.handle


def profile_for_owner(user: Viewer) -> Profile:
    """The signed-in member's own profile, created on first use."""
    from rxguild.profiles.services import profile_get_or_create_for_user

    return profile_get_or_create_for_user(user=signed_in_member(user))


def profile_full_for_owner(user: Viewer) -> Profile:
    profile = profile_for_owner(user)
    return _profile_queryset().get(pk=profile.pk)


def profile_completeness(profile: Profile) -> Completeness:
    """How complete a profile is, with the missing steps linked to the edit page."""
    facts = ProfileFacts(
        has_display_name=bool(profile.display_name.strip()),
        has_headline=bool(profile.headline.strip()),
        has_brand_statement=bool(profile.brand_statement.strip()),
        has_location=bool(profile.zip_code),
        practice_setting_count=profile.practice_settings.count(),
        has_photo=bool(profile.photo),
        work_count=profile.work_history.count(),
        education_count=profile.education.count(),
        credential_count=profile.credentials.count(),
        skill_count=profile.skills.count(),
    )
    return completeness_from_facts(facts, edit_url=reverse("profiles:edit"))
