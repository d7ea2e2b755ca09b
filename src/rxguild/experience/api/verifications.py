"""Verification requests: the member asks, the verifier answers on the page their link opens."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from rxguild.core.ratelimit import RateLimited
from rxguild.experience import access, services
from rxguild.experience.api.entries import EntryOut, entry_out
from rxguild.experience.models import ExperienceVerification

router = Router()


class VerificationIn(Schema):
    verifier_name: str = Field(..., max_length=120)
    verifier_role: str = Field(..., max_length=120)
    verifier_email: str = Field(..., max_length=254)
    verifier_site: str = Field("", max_length=200, description="the entry's site if empty")
    message: str = Field("", max_length=2000)


class VerificationOut(Schema):
    id: int
    entry_id: int
    verifier_name: str
    verifier_role: str
    verifier_site: str
    verifier_email: str
    status: str
    requested_at: datetime
    responded_at: datetime | None
    verified_on: date | None
    verifier_comment: str
    correction: dict[str, Any] = Field(description="what the verifier changed, until accepted")


def _verification_out(verification: ExperienceVerification) -> dict[str, Any]:
    return {
        "id": verification.pk,
        "entry_id": verification.entry_id,
        "verifier_name": verification.verifier_name,
        "verifier_role": verification.verifier_role,
        "verifier_site": verification.verifier_site,
        "verifier_email": verification.verifier_email,
        "status": verification.status,
        "requested_at": verification.requested_at,
        "responded_at": verification.responded_at,
        "verified_on": verification.verified_on,
        "verifier_comment": verification.verifier_comment,
        "correction": verification.correction,
    }


@router.get("/entries/{entry_id}/verifications", response=list[VerificationOut])
def verifications_list(request: HttpRequest, entry_id: int) -> list[dict[str, Any]]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    return [_verification_out(v) for v in entry.verifications.all()]


@router.post(
    "/entries/{entry_id}/verifications",
    response={201: VerificationOut},
    summary="Ask for verification",
)
def verification_create(
    request: HttpRequest, entry_id: int, payload: VerificationIn
) -> tuple[int, dict[str, Any]]:
    """Emails the verifier a signed link that works once, for 14 days; 429 when over the limit."""
    entry = access.entry_get_for_owner(request.user, entry_id)
    try:
        verification = services.experience_verification_request(entry=entry, **payload.dict())
    except RateLimited as error:
        raise HttpError(429, str(error)) from error
    return 201, _verification_out(verification)


@router.post("/verifications/{verification_id}/withdraw", response=VerificationOut)
def verification_withdraw(request: HttpRequest, verification_id: int) -> dict[str, Any]:
    verification = access.verification_get_for_owner(request.user, verification_id)
    services.experience_verification_withdraw(verification=verification)
    verification.refresh_from_db()
    return _verification_out(verification)


@router.post("/verifications/{verification_id}/accept", response=EntryOut)
def correction_accept(request: HttpRequest, verification_id: int) -> dict[str, Any]:
    """Apply the verifier's correction to the entry, which is then verified."""
    verification = access.verification_get_for_owner(request.user, verification_id)
    services.experience_correction_accept(verification=verification)
    return entry_out(access.entry_get_for_owner(request.user, verification.entry_id))


@router.post("/verifications/{verification_id}/reject", response=VerificationOut)
def correction_reject(request: HttpRequest, verification_id: int) -> dict[str, Any]:
    """Keep the entry as it is; it stays unverified."""
    verification = access.verification_get_for_owner(request.user, verification_id)
    services.experience_correction_reject(verification=verification)
    verification.refresh_from_db()
    return _verification_out(verification)
