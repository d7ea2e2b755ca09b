"""The caller's own work history, education, credentials and skills."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.catalog.models import Credential, Skill
from rxguild.profiles import access, selectors, services
from rxguild.profiles.api.router import router
from rxguild.profiles.api.schemas import (
    CredentialIn,
    CredentialOut,
    EducationIn,
    EducationOut,
    SkillIn,
    SkillOut,
    WorkIn,
    WorkOut,
    numbers_shown,
    practice_setting,
)
from rxguild.profiles.models import CredentialHeld, Education, ProfileSkill, WorkExperience
from rxguild.wallet.selectors import credential_marks_attach


@router.get("/me/work", response=list[WorkOut])
def work_list(request: HttpRequest) -> list[WorkExperience]:
    profile = selectors.profile_for_owner(request.user)
    return list(profile.work_history.select_related("practice_setting"))


@router.post("/me/work", response={201: WorkOut})
def work_create(request: HttpRequest, payload: WorkIn) -> tuple[int, WorkExperience]:
    profile = selectors.profile_for_owner(request.user)
    data = payload.model_dump()
    data["practice_setting"] = practice_setting(data["practice_setting"])
    return 201, services.work_experience_add(profile=profile, **data)


@router.delete("/me/work/{work_id}", response={204: None})
def work_delete(request: HttpRequest, work_id: int) -> tuple[int, None]:
    item = access.work_experience_get_for_owner(request.user, work_id)
    services.work_experience_delete(work_experience=item)
    return 204, None


@router.get("/me/education", response=list[EducationOut])
def education_list(request: HttpRequest) -> list[Education]:
    profile = selectors.profile_for_owner(request.user)
    return list(profile.education.all())


@router.post("/me/education", response={201: EducationOut})
def education_create(request: HttpRequest, payload: EducationIn) -> tuple[int, Education]:
    profile = selectors.profile_for_owner(request.user)
    return 201, services.education_add(profile=profile, **payload.model_dump())


@router.delete("/me/education/{education_id}", response={204: None})
def education_delete(request: HttpRequest, education_id: int) -> tuple[int, None]:
    item = access.education_get_for_owner(request.user, education_id)
    services.education_delete(education=item)
    return 204, None


@router.get("/me/credentials", response=list[CredentialOut])
def credentials_list(request: HttpRequest) -> list[CredentialHeld]:
    profile = selectors.profile_for_owner(request.user)
    held = list(profile.credentials.select_related("credential"))
    credential_marks_attach(held)
    return numbers_shown(held, to_owner=True)


@router.post("/me/credentials", response={201: CredentialOut})
def credentials_create(request: HttpRequest, payload: CredentialIn) -> tuple[int, CredentialHeld]:
    profile = selectors.profile_for_owner(request.user)
    data = payload.model_dump()
    try:
        data["credential"] = Credential.objects.get(code=data["credential"])
    except Credential.DoesNotExist:
        raise ValidationError(
            {"credential": f"Unknown credential '{payload.credential}'."}
        ) from None
    held = services.credential_held_add(profile=profile, **data)
    return 201, numbers_shown([held], to_owner=True)[0]


@router.delete("/me/credentials/{held_id}", response={204: None})
def credentials_delete(request: HttpRequest, held_id: int) -> tuple[int, None]:
    held = access.credential_held_get_for_owner(request.user, held_id)
    services.credential_held_delete(credential_held=held)
    return 204, None


@router.get("/me/skills", response=list[SkillOut])
def skills_list(request: HttpRequest) -> list[ProfileSkill]:
    profile = selectors.profile_for_owner(request.user)
    return list(profile.skills.select_related("skill"))


@router.post("/me/skills", response={201: SkillOut})
def skills_create(request: HttpRequest, payload: SkillIn) -> tuple[int, ProfileSkill]:
    profile = selectors.profile_for_owner(request.user)
    try:
        skill = Skill.objects.get(code=payload.skill)
    except Skill.DoesNotExist:
        raise ValidationError({"skill": f"Unknown skill '{payload.skill}'."}) from None
    saved = services.profile_skill_add(profile=profile, skill=skill, level=payload.level)
    return 201, saved.item


class SkillLevelIn(Schema):
    level: int = Field(..., ge=1, le=4)


@router.patch("/me/skills/{profile_skill_id}", response=SkillOut)
def skills_set_level(
    request: HttpRequest, profile_skill_id: int, payload: SkillLevelIn
) -> ProfileSkill:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    saved = services.profile_skill_set_level(profile_skill=row, level=payload.level)
    return saved.item


@router.delete("/me/skills/{profile_skill_id}", response={204: None})
def skills_delete(request: HttpRequest, profile_skill_id: int) -> tuple[int, None]:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    services.profile_skill_remove(profile_skill=row)
    return 204, None
