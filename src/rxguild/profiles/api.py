"""JSON API for the profiles capability, mounted under /api/v1/profiles/ by rxguild.api.

`/me...` endpoints act on the caller's own profile only. `/{handle}` shows another member's
profile through the same selector as the public page (anonymous callers allowed).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.api.auth import AUTH
from rxguild.catalog.models import Credential, PracticeSetting, Skill
from rxguild.core.jsonsafe import JsonInputError, json_loads
from rxguild.profiles import access, selectors, services
from rxguild.profiles.jsonresume import profile_to_json_resume
from rxguild.profiles.models import CredentialHeld, Education, Profile, ProfileSkill, WorkExperience
from rxguild.profiles.selectors import SECTIONS, ProfileView

router = Router(tags=["profiles"])
MAX_RESUME_BYTES = 1024 * 1024


def _anyone(request: HttpRequest) -> bool:
    # Last in the chain: a caller with no (valid) token or session is served as anonymous.
    return True


OPTIONAL_AUTH = [*AUTH, _anyone]


# --- schemas ---------------------------------------------------------------------------


class WorkOut(Schema):
    id: int
    employer: str
    title: str
    practice_setting: str | None
    city: str
    state: str
    start_date: dt.date
    end_date: dt.date | None
    summary: str


class WorkIn(Schema):
    employer: str
    title: str
    practice_setting: str | None = Field(None, description="A practice setting code")
    city: str = ""
    state: str = ""
    start_date: dt.date
    end_date: dt.date | None = None
    summary: str = ""


class EducationOut(Schema):
    id: int
    institution: str
    program: str
    kind: str
    accreditation: str
    externship_hours: int | None
    start_date: dt.date | None
    end_date: dt.date | None


class EducationIn(Schema):
    institution: str
    program: str
    kind: str = Education.Kind.TRAINING_PROGRAM
    accreditation: str = ""
    externship_hours: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class CredentialOut(Schema):
    id: int
    credential: str
    name: str
    number: str | None
    state: str
    issued_on: dt.date | None
    expires_on: dt.date | None


class CredentialIn(Schema):
    credential: str = Field(..., description="A catalog credential code, e.g. ptcb-cpht")
    number: str = ""
    state: str = ""
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None


class SkillOut(Schema):
    id: int
    skill: str
    name: str
    level: int


class SkillIn(Schema):
    skill: str = Field(..., description="A skill code from the taxonomy")
    level: int = Field(2, ge=1, le=4)


class OpenToOut(Schema):
    kind: str
    audience: str


class CompletenessOut(Schema):
    percent: int
    missing: list[dict[str, Any]]


class MyProfileOut(Schema):
    handle: str
    public_url: str
    display_name: str
    headline: str
    brand_statement: str
    brand_statement_html: str
    zip_code: str
    state: str
    years_experience: int | None
    practice_settings: list[str]
    is_public: bool
    audiences: dict[str, str]
    photo_url: str | None
    open_to: list[OpenToOut]
    work: list[WorkOut]
    education: list[EducationOut]
    credentials: list[CredentialOut]
    skills: list[SkillOut]
    completeness: CompletenessOut


class ProfilePatch(Schema):
    display_name: str | None = None
    headline: str | None = None
    brand_statement: str | None = None
    zip_code: str | None = None
    state: str | None = None
    years_experience: int | None = None
    is_public: bool | None = None
    practice_settings: list[str] | None = Field(None, description="Practice setting codes")
    audiences: dict[str, str] | None = Field(
        None, description="Section -> audience, for " + ", ".join(SECTIONS)
    )
    open_to: dict[str, str] | None = Field(None, description="Signal kind -> audience")


class PublicProfileOut(Schema):
    handle: str
    display_name: str
    headline: str
    brand_statement_html: str
    years_experience: int | None
    practice_settings: list[str]
    location: dict[str, str] | None
    photo_url: str | None
    open_to: list[str]
    work: list[WorkOut] | None
    education: list[EducationOut] | None
    credentials: list[CredentialOut] | None
    skills: list[SkillOut] | None


class ImportOut(Schema):
    imported: dict[str, int]
    unknown_certificates: list[str]
    unknown_skills: list[str]
    unknown_practice_settings: list[str]
    messages: list[str]


# --- mapping ---------------------------------------------------------------------------


def _work_out(item: WorkExperience) -> WorkOut:
    return WorkOut(
        id=item.pk,
        employer=item.employer,
        title=item.title,
        practice_setting=item.practice_setting.code if item.practice_setting else None,
        city=item.city,
        state=item.state,
        start_date=item.start_date,
        end_date=item.end_date,
        summary=item.summary,
    )


def _education_out(item: Education) -> EducationOut:
    return EducationOut(
        id=item.pk,
        institution=item.institution,
        program=item.program,
        kind=item.kind,
        accreditation=item.accreditation,
        externship_hours=item.externship_hours,
        start_date=item.start_date,
        end_date=item.end_date,
    )


def _credential_out(held: CredentialHeld, *, with_number: bool) -> CredentialOut:
    return CredentialOut(
        id=held.pk,
        credential=held.credential.code,
        name=held.credential.name,
        # Numbers let anyone look a license up: only the owner gets them from the API.
        number=held.number if with_number else None,
        state=held.state,
        issued_on=held.issued_on,
        expires_on=held.expires_on,
    )


def _skill_out(row: ProfileSkill) -> SkillOut:
    return SkillOut(id=row.pk, skill=row.skill.code, name=row.skill.name, level=row.level)


def _my_profile_out(profile: Profile) -> MyProfileOut:
    view = selectors.profile_view_build(profile, access.ViewerKind.OWNER)
    completeness = selectors.profile_completeness(profile)
    return MyProfileOut(
        handle=profile.handle,
        public_url=view.public_url,
        display_name=profile.display_name,
        headline=profile.headline,
        brand_statement=profile.brand_statement,
        brand_statement_html=str(view.brand_statement_html),
        zip_code=profile.zip_code,
        state=profile.state,
        years_experience=profile.years_experience,
        practice_settings=[s.code for s in view.practice_settings],
        is_public=profile.is_public,
        audiences={section: getattr(profile, f"{section}_audience") for section in SECTIONS},
        photo_url=view.photo_url,
        open_to=[OpenToOut(kind=s.kind, audience=s.audience) for s in view.open_to],
        work=[_work_out(item) for item in view.work or []],
        education=[_education_out(item) for item in view.education or []],
        credentials=[_credential_out(h, with_number=True) for h in view.credentials or []],
        skills=[_skill_out(row) for row in view.skills or []],
        completeness=CompletenessOut(
            percent=completeness.percent,
            missing=[
                {"key": step.key, "title": step.title, "url": step.url}
                for step in completeness.missing
            ],
        ),
    )


def _public_out(view: ProfileView) -> PublicProfileOut:
    owner = view.is_owner
    return PublicProfileOut(
        handle=view.handle,
        display_name=view.display_name,
        headline=view.headline,
        brand_statement_html=str(view.brand_statement_html),
        years_experience=view.years_experience,
        practice_settings=[s.code for s in view.practice_settings],
        location=view.location,
        photo_url=view.photo_url,
        open_to=[signal.kind for signal in view.open_to],
        work=None if view.work is None else [_work_out(item) for item in view.work],
        education=None
        if view.education is None
        else [_education_out(item) for item in view.education],
        credentials=None
        if view.credentials is None
        else [_credential_out(h, with_number=owner) for h in view.credentials],
        skills=None if view.skills is None else [_skill_out(row) for row in view.skills],
    )


def _practice_setting(code: str | None) -> PracticeSetting | None:
    if not code:
        return None
    try:
        return PracticeSetting.objects.get(code=code)
    except PracticeSetting.DoesNotExist:
        raise ValidationError({"practice_setting": f"Unknown practice setting '{code}'."}) from None


# --- own profile -----------------------------------------------------------------------


@router.get("/me", response=MyProfileOut)
def me_get(request: HttpRequest) -> MyProfileOut:
    return _my_profile_out(selectors.profile_full_for_owner(request.user))


@router.patch("/me", response=MyProfileOut)
def me_patch(request: HttpRequest, payload: ProfilePatch) -> MyProfileOut:
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
    return _my_profile_out(selectors.profile_full_for_owner(request.user))


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


@router.get("/me/work", response=list[WorkOut])
def work_list(request: HttpRequest) -> list[WorkOut]:
    profile = selectors.profile_for_owner(request.user)
    items = profile.work_history.select_related("practice_setting")
    return [_work_out(item) for item in items]


@router.post("/me/work", response={201: WorkOut})
def work_create(request: HttpRequest, payload: WorkIn) -> tuple[int, WorkOut]:
    profile = selectors.profile_for_owner(request.user)
    data = payload.model_dump()
    data["practice_setting"] = _practice_setting(data["practice_setting"])
    return 201, _work_out(services.work_experience_add(profile=profile, **data))


@router.delete("/me/work/{work_id}", response={204: None})
def work_delete(request: HttpRequest, work_id: int) -> tuple[int, None]:
    item = access.work_experience_get_for_owner(request.user, work_id)
    services.work_experience_delete(work_experience=item)
    return 204, None


@router.get("/me/education", response=list[EducationOut])
def education_list(request: HttpRequest) -> list[EducationOut]:
    profile = selectors.profile_for_owner(request.user)
    return [_education_out(item) for item in profile.education.all()]


@router.post("/me/education", response={201: EducationOut})
def education_create(request: HttpRequest, payload: EducationIn) -> tuple[int, EducationOut]:
    profile = selectors.profile_for_owner(request.user)
    return 201, _education_out(services.education_add(profile=profile, **payload.model_dump()))


@router.delete("/me/education/{education_id}", response={204: None})
def education_delete(request: HttpRequest, education_id: int) -> tuple[int, None]:
    item = access.education_get_for_owner(request.user, education_id)
    services.education_delete(education=item)
    return 204, None


@router.get("/me/credentials", response=list[CredentialOut])
def credentials_list(request: HttpRequest) -> list[CredentialOut]:
    profile = selectors.profile_for_owner(request.user)
    held = profile.credentials.select_related("credential")
    return [_credential_out(h, with_number=True) for h in held]


@router.post("/me/credentials", response={201: CredentialOut})
def credentials_create(request: HttpRequest, payload: CredentialIn) -> tuple[int, CredentialOut]:
    profile = selectors.profile_for_owner(request.user)
    data = payload.model_dump()
    try:
        data["credential"] = Credential.objects.get(code=data["credential"])
    except Credential.DoesNotExist:
        raise ValidationError(
            {"credential": f"Unknown credential '{payload.credential}'."}
        ) from None
    held = services.credential_held_add(profile=profile, **data)
    return 201, _credential_out(held, with_number=True)


@router.delete("/me/credentials/{held_id}", response={204: None})
def credentials_delete(request: HttpRequest, held_id: int) -> tuple[int, None]:
    held = access.credential_held_get_for_owner(request.user, held_id)
    services.credential_held_delete(credential_held=held)
    return 204, None


@router.get("/me/skills", response=list[SkillOut])
def skills_list(request: HttpRequest) -> list[SkillOut]:
    profile = selectors.profile_for_owner(request.user)
    return [_skill_out(row) for row in profile.skills.select_related("skill")]


@router.post("/me/skills", response={201: SkillOut})
def skills_create(request: HttpRequest, payload: SkillIn) -> tuple[int, SkillOut]:
    profile = selectors.profile_for_owner(request.user)
    try:
        skill = Skill.objects.get(code=payload.skill)
    except Skill.DoesNotExist:
        raise ValidationError({"skill": f"Unknown skill '{payload.skill}'."}) from None
    row = services.profile_skill_add(profile=profile, skill=skill, level=payload.level)
    return 201, _skill_out(row)


class SkillLevelIn(Schema):
    level: int = Field(..., ge=1, le=4)


@router.patch("/me/skills/{profile_skill_id}", response=SkillOut)
def skills_set_level(
    request: HttpRequest, profile_skill_id: int, payload: SkillLevelIn
) -> SkillOut:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    return _skill_out(services.profile_skill_set_level(profile_skill=row, level=payload.level))


@router.delete("/me/skills/{profile_skill_id}", response={204: None})
def skills_delete(request: HttpRequest, profile_skill_id: int) -> tuple[int, None]:
    row = access.profile_skill_get_for_owner(request.user, profile_skill_id)
    services.profile_skill_remove(profile_skill=row)
    return 204, None


# --- another member's profile ----------------------------------------------------------


@router.get("/{handle}", response=PublicProfileOut, auth=OPTIONAL_AUTH)
def profile_for_caller(request: HttpRequest, handle: str) -> PublicProfileOut:
    return _public_out(selectors.profile_get_for_viewer(request.user, handle))
