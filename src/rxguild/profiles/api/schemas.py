"""Request and response shapes of the profiles API. Endpoints return rows and `ProfileView`s;
the output schemas read them by attribute (ninja's `from_attributes`), and a `resolve_<field>`
says where a field comes from when it is not an attribute of the same name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema

from rxguild.catalog.models import PracticeSetting
from rxguild.profiles import access, selectors
from rxguild.profiles.completeness import Completeness
from rxguild.profiles.models import CredentialHeld, Education, Profile, ProfileSkill, WorkExperience
from rxguild.profiles.selectors import SECTIONS, ProfileView
from rxguild.wallet.api.schemas import MarkOut
from rxguild.wallet.marks import CredentialMark
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

    @staticmethod
    def resolve_practice_setting(item: WorkExperience) -> str | None:
        return item.practice_setting.code if item.practice_setting else None


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

    @staticmethod
    def resolve_credential(held: CredentialHeld) -> str:
        return held.credential.code

    @staticmethod
    def resolve_name(held: CredentialHeld) -> str:
        return held.credential.name

    @staticmethod
    def resolve_number(held: CredentialHeld) -> str | None:
        return held.number if getattr(held, "number_shown", False) else None

    @staticmethod
    def resolve_verification(held: CredentialHeld) -> CredentialMark:
        # Usually attached in bulk by the selectors (wallet.selectors.credential_marks_attach).
        return getattr(held, "wallet_mark", None) or credential_marks([held])[held.pk]


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

    @staticmethod
    def resolve_skill(row: ProfileSkill) -> str:
        return row.skill.code

    @staticmethod
    def resolve_name(row: ProfileSkill) -> str:
        return row.skill.name


class SkillIn(Schema):
    skill: str = Field(..., description="A skill code from the taxonomy")
    level: int = Field(2, ge=1, le=4)


class OpenToOut(Schema):
    kind: str
    audience: str


class CompletenessOut(Schema):
    percent: int
    missing: list[dict[str, Any]]

    @staticmethod
    def resolve_missing(completeness: Completeness) -> list[dict[str, Any]]:
        return [
            {"key": step.key, "title": step.title, "url": step.url} for step in completeness.missing
        ]


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

    # Read from the owner's ProfileView, and the fields only the owner edits from its profile.
    @staticmethod
    def resolve_brand_statement(view: ProfileView) -> str:
        return view.profile.brand_statement

    @staticmethod
    def resolve_zip_code(view: ProfileView) -> str:
        return view.profile.zip_code

    @staticmethod
    def resolve_state(view: ProfileView) -> str:
        return view.profile.state

    @staticmethod
    def resolve_practice_settings(view: ProfileView) -> list[str]:
        return [s.code for s in view.practice_settings]

    @staticmethod
    def resolve_audiences(view: ProfileView) -> dict[str, str]:
        return {section: getattr(view.profile, f"{section}_audience") for section in SECTIONS}

    @staticmethod
    def resolve_work(view: ProfileView) -> list[WorkExperience]:
        return view.work or []

    @staticmethod
    def resolve_education(view: ProfileView) -> list[Education]:
        return view.education or []

    @staticmethod
    def resolve_credentials(view: ProfileView) -> list[CredentialHeld]:
        return numbers_shown(view.credentials or [], to_owner=True)

    @staticmethod
    def resolve_skills(view: ProfileView) -> list[ProfileSkill]:
        return view.skills or []

    @staticmethod
    def resolve_completeness(view: ProfileView) -> Completeness:
        return selectors.profile_completeness(view.profile)


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

    # Read from the caller's ProfileView: a section hidden from them is None.
    @staticmethod
    def resolve_practice_settings(view: ProfileView) -> list[str]:
        return [s.code for s in view.practice_settings]

    @staticmethod
    def resolve_open_to(view: ProfileView) -> list[str]:
        return [signal.kind for signal in view.open_to]

    @staticmethod
    def resolve_credentials(view: ProfileView) -> list[CredentialHeld] | None:
        if view.credentials is None:
            return None
        return numbers_shown(view.credentials, to_owner=view.is_owner)


class ImportOut(Schema):
    imported: dict[str, int]
    unknown_certificates: list[str]
    unknown_skills: list[str]
    unknown_practice_settings: list[str]
    messages: list[str]


# --- output ---------------------------------------------------------------------------


def numbers_shown(held: list[CredentialHeld], *, to_owner: bool) -> list[CredentialHeld]:
    """Registration numbers let anyone look a license up: CredentialOut gives them only to the
    owner, for the rows marked here."""
    for row in held:
        row.number_shown = to_owner  # type: ignore[attr-defined]  # read by CredentialOut
    return held


def my_profile_view(profile: Profile) -> ProfileView:
    """What MyProfileOut reads: the owner's own view of their profile."""
    return selectors.profile_view_build(profile, access.ViewerKind.OWNER)


def practice_setting(code: str | None) -> PracticeSetting | None:
    if not code:
        return None
    try:
        return PracticeSetting.objects.get(code=code)
    except PracticeSetting.DoesNotExist:
        raise ValidationError({"practice_setting": f"Unknown practice setting '{code}'."}) from None
