"""JSON API for the resumes capability, mounted under /api/v1/ by rxguild.api.

`router` is mounted at /api/v1/resumes/ (beside the builder's `builder_api.router`, which
imports the shared schemas from here; nothing here imports the builder), `skills_router` at
/api/v1/skills/. Both answer
signed-in callers only (token or session, the API default) and are rate limited per user:
the analysis is cheap, but it is the kind of endpoint scripts hammer.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.throttling import BaseThrottle, UserRateThrottle
from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from rxguild.resumes import ats, selectors

router = Router(tags=["resumes"])
skills_router = Router(tags=["skills"])

# 100 KB of UTF-8: far above any resume or posting (a 600-word resume is ~4 KB).
MAX_TEXT_BYTES = 100 * 1024


def ats_throttle() -> list[BaseThrottle]:
    return [UserRateThrottle(getattr(settings, "RXGUILD_ATS_RATE", "60/m"))]


def text_size_check(value: str, field_name: str) -> str:
    if len(value.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValueError(
            f"{field_name} is too long: at most 100 KB (102,400 bytes) of text is analysed."
        )
    return value


class ExtractIn(Schema):
    text: str

    @field_validator("text")
    @classmethod
    def _size(cls, value: str) -> str:
        return text_size_check(value, "text")


class HitOut(Schema):
    code: str
    name: str
    kind: str
    category: str
    start: int
    end: int
    text: str
    matched_by: str
    negated: bool
    # Named as wanted, planned or in progress ("pursuing the CSPT"), not held.
    wanted: bool


class ExtractOut(Schema):
    count: int
    hits: list[HitOut]


class AnalyzeIn(Schema):
    resume_text: str
    # A job-board posting instead of its text (declared first: posting_text's check reads it).
    posting_id: UUID | None = None
    posting_text: str | None = Field(default=None, validate_default=True)

    @field_validator("resume_text")
    @classmethod
    def _size(cls, value: str, info: object) -> str:
        return text_size_check(value, getattr(info, "field_name", "text"))

    @field_validator("posting_text")
    @classmethod
    def _posting(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            if info.data.get("posting_id") is None:
                # Same answer as a plain required field when neither form is given.
                raise PydanticCustomError("missing", "Field required")
            return None
        return text_size_check(value, "posting_text")


class ComponentOut(Schema):
    name: str
    weight: int
    matched: float
    total: float
    points: float
    max_points: float  # the weight scaled to the parts this posting asks for


class MatchedOut(Schema):
    code: str
    name: str
    kind: str
    category: str
    importance: str
    posting_text: str
    resume_text: str
    # The narrower term the match goes through ("Omnicell"), or "" for a direct match.
    through: str


class MissingOut(Schema):
    code: str
    name: str
    kind: str
    category: str
    importance: str
    posting_text: str
    suggestion: str


class HintOut(Schema):
    code: str
    name: str
    posting_text: str
    resume_text: str
    message: str


class WantedOut(Schema):
    code: str
    name: str
    kind: str
    importance: str
    posting_text: str
    resume_text: str
    message: str


class CheckOut(Schema):
    code: str
    severity: str
    message: str


class PostingItemOut(Schema):
    code: str
    name: str
    kind: str
    category: str
    importance: str
    written: str


class PostingOut(Schema):
    items: list[PostingItemOut]
    years_required: float | None
    years_preferred: float | None
    no_experience_required: bool
    shifts: list[str]
    settings: list[str]


class AnalysisOut(Schema):
    score: int
    computation: str
    components: list[ComponentOut]
    matched: list[MatchedOut]
    missing: list[MissingOut]
    literal_hints: list[HintOut]
    # What the posting asks for that the resume names only as wanted or in progress.
    wanted: list[WantedOut]
    # Practice settings the resume names (the posting's are under `posting.settings`).
    resume_settings: list[str]
    checks: list[CheckOut]
    posting: PostingOut
    resume_years: float


@skills_router.post("/extract", response=ExtractOut, throttle=ats_throttle())
def skills_extract(request: HttpRequest, payload: ExtractIn) -> dict[str, object]:
    """Skills and credentials found in any text, each with its exact span in that text."""
    hits = ats.extract(payload.text)
    return {"count": len(hits), "hits": hits}


@router.post("/analyze", response=AnalysisOut, throttle=ats_throttle())
def resumes_analyze(request: HttpRequest, payload: AnalyzeIn) -> ats.Analysis:
    """A resume's text against a posting's text (or a job-board posting by `posting_id`):
    score, matches, gaps, hints and checks."""
    posting_text = payload.posting_text
    if posting_text is None:
        posting_text = selectors.posting_text_for_viewer(request.user, payload.posting_id)
    return ats.analyze(resume_text=payload.resume_text, posting_text=posting_text)
