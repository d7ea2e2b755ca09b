"""The caller's own profile: read, change, handle, JSON Resume."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.catalog.models import PracticeSetting
from rxguild.core.jsonsafe import JsonInputError, json_loads
from rxguild.profiles import access, selectors, services
from rxguild.profiles.api.router import router
from rxguild.profiles.api.schemas import (
    ImportOut,
    MyProfileOut,
    ProfilePatch,
    my_profile_view,
)
from rxguild.profiles.jsonresume_export import profile_to_json_resume
from rxguild.profiles.selectors import SECTIONS, ProfileView

MAX_RESUME_BYTES = 1024 * 1024


class HandleIn(Schema):
    handle: str = Field(..., max_length=60, description="The new handle, e.g. maria-alvarez")


class HandleOut(Schema):
    handle: str
    public_url: str
    changed: bool
    old_handles: list[str] = Field(..., description="Earlier handles; they redirect here")


# --- own profile -----------------------------------------------------------------------


@router.get("/me", response=MyProfileOut)
def me_get(request: HttpRequest) -> ProfileView:
    return my_profile_view(selectors.profile_full_for_owner(request.user))


@router.patch("/me", response=MyProfileOut)
def me_patch(request: HttpRequest, payload: ProfilePatch) -> ProfileView:
    profile = selectors.profile_for_owner(request.user)
    data = payload.model_dump(exclude_unset=True)
    practice_codes = data.pop("practice_settings", None)
    audiences = data.pop("audiences", None) or {}
    open_to = data.pop("open_to", None)
    unknown_sections = set(audiences) - set(SECTIONS)
    if unknown_sections:
        raise ValidationError(
            {"audiences": f"Unknown sections: {', '.join(sorted(unknown_sections))}."}
        )
    data.update({f"{section}_audience": value for section, value in audiences.items()})
    practice_settings = None
    if practice_codes is not None:
        by_code = {s.code: s for s in PracticeSetting.objects.filter(code__in=practice_codes)}
        missing = [code for code in practice_codes if code not in by_code]
        if missing:
            raise ValidationError(
                {"practice_settings": f"Unknown practice settings: {', '.join(missing)}."}
            )
        practice_settings = list(by_code.values())
    # One transaction for both, so a bad open_to leaves the basics untouched too.
    with transaction.atomic():
        services.profile_update(profile=profile, changes=data, practice_settings=practice_settings)
        if open_to is not None:
            services.open_to_set(profile=profile, signals=open_to)
    return my_profile_view(selectors.profile_full_for_owner(request.user))


@router.get("/me/json-resume", response=dict[str, Any])
def me_json_resume_export(request: HttpRequest) -> dict[str, Any]:
    profile = selectors.profile_full_for_owner(request.user)
    return profile_to_json_resume(
        profile,
        public_url=request.build_absolute_uri(
            selectors.profile_view_build(profile, access.ViewerKind.OWNER).public_url
        ),
    )


@router.post("/me/json-resume", response=ImportOut)
def me_json_resume_import(request: HttpRequest) -> ImportOut:
    """Body: a JSON Resume document. Nothing is saved unless the whole document is valid."""
    if len(request.body) > MAX_RESUME_BYTES:
        raise ValidationError({"document": "The document is too large: the limit is 1 MB."})
    try:
        document = json_loads(request.body)
    except JsonInputError as error:
        raise ValidationError({"document": str(error)}) from None
    profile = selectors.profile_for_owner(request.user)
    report = services.profile_import_json_resume(profile=profile, document=document)
    return ImportOut(
        imported=report.counts,
        unknown_certificates=report.unknown_certificates,
        unknown_skills=report.unknown_skills,
        unknown_practice_settings=report.unknown_practice_settings,
        messages=report.messages,
    )


@router.put("/me/handle", response=HandleOut)
def me_handle_set(request: HttpRequest, payload: HandleIn) -> HandleOut:
    """Change the caller's handle (rules as on the page: 3 to 30 lowercase letters, digits and
    hyphens, a letter first, not reserved, not anyone else's now or before). 422 with
    `{"detail": {"handle": [...]}}` when refused; the same handle again is `changed: false`."""
    profile = selectors.profile_for_owner(request.user)
    saved = services.profile_handle_set(profile=profile, handle=payload.handle)
    return HandleOut(
        handle=profile.handle,
        public_url=selectors.profile_view_build(profile, access.ViewerKind.OWNER).public_url,
        changed=not saved.nothing_changed,
        old_handles=sorted(profile.handle_aliases.values_list("handle", flat=True)),
    )
