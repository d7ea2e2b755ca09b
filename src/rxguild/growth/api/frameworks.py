"""Frameworks (public reference data) and the caller's assessments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema

from rxguild.growth import access, selectors, services
from rxguild.growth.api.router import router
from rxguild.growth.engine import LEVELS
from rxguild.growth.models import Assessment, Framework


class LevelOut(Schema):
    value: int
    name: str
    anchor: str


class CompetencyOut(Schema):
    code: str
    name: str
    description: str
    ce_topics: list[str]


class DomainOut(Schema):
    code: str
    name: str
    weight: Decimal | None
    competencies: list[CompetencyOut]


class FrameworkOut(Schema):
    code: str
    name: str
    kind: str
    summary: str
    source: str
    source_title: str
    checked_on: date
    confidence: str
    note: str
    data_version: str


class FrameworkDetailOut(FrameworkOut):
    domains: list[DomainOut]


class RatingIn(Schema):
    competency: str = Field(..., max_length=60)
    level: int


class AssessmentIn(Schema):
    framework: str = Field(..., max_length=60)
    ratings: list[RatingIn] = Field(..., max_length=200)
    note: str = Field("", max_length=5000)


class RatingOut(Schema):
    competency: str
    level: int


class AssessmentOut(Schema):
    id: int
    framework: str
    created_at: datetime
    note: str
    ratings: list[RatingOut]


def _framework_detail(framework: Framework) -> dict[str, object]:
    domains = selectors.framework_domains(framework)
    return {
        **FrameworkOut.from_orm(framework).dict(),
        "domains": [
            {
                "code": d.code,
                "name": d.name,
                "weight": d.weight,
                "competencies": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "description": c.description,
                        "ce_topics": c.ce_topics,
                    }
                    for c in d.competencies.all()
                ],
            }
            for d in domains
        ],
    }


def _assessment_out(assessment: Assessment) -> dict[str, object]:
    ratings = selectors.ratings_by_code(assessment)
    return {
        "id": assessment.pk,
        "framework": assessment.framework.code,
        "created_at": assessment.created_at,
        "note": assessment.note,
        "ratings": [
            {"competency": code, "level": level} for code, level in sorted(ratings.items())
        ],
    }


@router.get("/levels", response=list[LevelOut], auth=None)
def levels(request: HttpRequest) -> list[dict[str, object]]:
    return [{"value": lv.value, "name": lv.name, "anchor": lv.anchor} for lv in LEVELS]


@router.get(
    "/frameworks",
    response=list[FrameworkOut],
    auth=None,
)
def frameworks(request: HttpRequest) -> list[Framework]:
    return list(Framework.objects.filter(is_active=True))


@router.get(
    "/frameworks/{code}",
    response=FrameworkDetailOut,
    auth=None,
)
def framework_detail(request: HttpRequest, code: str) -> dict[str, object]:
    return _framework_detail(access.framework_get(code))


@router.get("/assessments", response=list[AssessmentOut])
def assessments(request: HttpRequest, framework: str = "") -> list[dict[str, object]]:
    mine = access.assessments_for_owner(request.user).select_related("framework")
    if framework:
        mine = mine.filter(framework__code=framework)
    return [_assessment_out(a) for a in mine[:100]]


@router.post(
    "/assessments",
    response={201: AssessmentOut},
)
def assessment_create(request: HttpRequest, payload: AssessmentIn) -> tuple[int, dict[str, object]]:
    framework = access.framework_get(payload.framework)
    ratings: dict[str, object] = {}
    for item in payload.ratings:
        if item.competency in ratings:
            raise ValidationError({"ratings": [f"“{item.competency}” is rated twice."]})
        ratings[item.competency] = item.level
    assessment = services.assessment_create(
        member=request.user, framework=framework, ratings=ratings, note=payload.note
    )
    return 201, _assessment_out(assessment)


@router.get(
    "/assessments/{assessment_id}",
    response=AssessmentOut,
)
def assessment_detail(request: HttpRequest, assessment_id: int) -> dict[str, object]:
    return _assessment_out(access.assessment_get_for_owner(request.user, assessment_id))


@router.delete(
    "/assessments/{assessment_id}",
    response={204: None},
)
def assessment_delete(request: HttpRequest, assessment_id: int) -> tuple[int, None]:
    services.assessment_delete(
        assessment=access.assessment_get_for_owner(request.user, assessment_id)
    )
    return 204, None
