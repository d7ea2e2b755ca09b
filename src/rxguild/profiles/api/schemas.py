"""Request and response shapes of the profiles API, and the mapping from rows to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema

from rxguild.catalog.models import PracticeSetting
from rxguild.profiles import access, selectors
from rxguild.profiles.models import CredentialHeld, Education, Profile, ProfileSkill, WorkExperience
from rxguild.profiles.selectors import SECTIONS, ProfileView
from rxguild.wallet.api.schemas import MarkOut, mark_out
from rxguild.wallet.selectors import credential_marks

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
    verification: MarkOut = Field(
        description="How the credential is known (rxguild.wallet): self-reported, document, badge"
    )


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


def work_out(item: WorkExperience) -> WorkOut:
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


def education_out(item: Education) -> EducationOut:
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


def credential_out(held: CredentialHeld, *, with_number: bool) -> CredentialOut:
    return CredentialOut(
        id=held.pk,
        credential=held.credential.code,
        name=held.credential.name,
        # Numbers let anyone look a license up: only the owner gets them from the API.
        number=held.number if with_number else None,
        state=held.state,
        issued_on=held.issued_on,
        expires_on=held.expires_on,
        verification=mark_out(
            getattr(held, "wallet_mark", None) or credential_marks([held])[held.pk]
        ),
    )


def skill_out(row: ProfileSkill) -> SkillOut:
    return SkillOut(id=row.pk, skill=row.skill.code, name=row.skill.name, level=row.level)


def my_profile_out(profile: Profile) -> MyProfileOut:
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
        work=[work_out(item) for item in view.work or []],
        education=[education_out(item) for item in view.education or []],
        credentials=[credential_out(h, with_number=True) for h in view.credentials or []],
        skills=[skill_out(row) for row in view.skills or []],
        completeness=CompletenessOut(
            percent=completeness.percent,
            missing=[
                {"key": step.key, "title": step.title, "url": step.url}
                for step in completeness.missing
            ],
        ),
    )


def public_out(view: ProfileView) -> PublicProfileOut:
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
        work=None if view.work is None else [work_out(item) for item in view.work],
        education=None
        if view.education is None
        else [education_out(item) for item in view.education],
        credentials=None
        if view.credentials is None
        else [credential_out(h, with_number=owner) for h in view.credentials],
        skills=None if view.skills is None else [skill_out(row) for row in view.skills],
    )


def practice_setting(code: str | None) -> PracticeSetting | None:
    if not code:
        return None
    try:
        return PracticeSetting.objects.get(code=code)
    except PracticeSetting.DoesNotExist:
        raise ValidationError({"practice_setting": f"Unknown practice setting '{code}'."}) from None
