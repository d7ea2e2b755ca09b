"""The ledger's entries (externships, jobs, training) and the member's summary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rxguild.experience import access, selectors, services
from rxguild.experience.models import ExperienceEntry

router = Router()


class DutyShare(Schema):
    duty: str = Field(..., max_length=40, description="a code from data/experience/duties.toml")
    percent: int = Field(..., ge=0, le=100)


class EntryOut(Schema):
    id: int
    kind: str
    site_name: str
    site_city: str
    site_state: str
    setting: str
    role: str
    started_on: date
    ended_on: date | None
    hours_per_week: Decimal | None
    logged_hours: Decimal | None
    required_hours: int | None
    description: str
    duties: list[DutyShare]
    verified_by: str = Field(
        description="“Verified by <name>, <role>, <site> on <date>”, or empty if not verified"
    )


class EntryIn(Schema):
    kind: str = "work"
    site_name: str = Field(..., max_length=200)
    site_city: str = Field("", max_length=100)
    site_state: str = Field("", max_length=2)
    setting: str = Field(..., max_length=60, description="a practice-setting code")
    role: str = Field(..., max_length=200)
    started_on: date
    ended_on: date | None = None
    hours_per_week: Decimal | None = Field(None, ge=0, le=1000)
    logged_hours: Decimal | None = Field(None, ge=0, le=1000000)
    required_hours: int | None = Field(None, ge=0, le=100000)
    description: str = Field("", max_length=4000)
    duties: list[DutyShare] = Field(default_factory=list, max_length=20)


class EntryPatch(Schema):
    kind: str | None = None
    site_name: str | None = Field(None, max_length=200)
    site_city: str | None = Field(None, max_length=100)
    site_state: str | None = Field(None, max_length=2)
    setting: str | None = Field(None, max_length=60)
    role: str | None = Field(None, max_length=200)
    started_on: date | None = None
    ended_on: date | None = None
    hours_per_week: Decimal | None = Field(None, ge=0, le=1000)
    logged_hours: Decimal | None = Field(None, ge=0, le=1000000)
    required_hours: int | None = Field(None, ge=0, le=100000)
    description: str | None = Field(None, max_length=4000)
    duties: list[DutyShare] | None = Field(None, max_length=20)


class SummaryRowOut(Schema):
    code: str
    name: str
    calendar_months: str
    fte_months: str
    hours: int


class SummaryOut(Schema):
    total: SummaryRowOut
    settings: list[SummaryRowOut]
    duties: list[SummaryRowOut]
    notes: list[str]
    full_time_hours_per_week: int
    full_time_source: str


def entry_out(entry: ExperienceEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "site_name": entry.site_name,
        "site_city": entry.site_city,
        "site_state": entry.site_state,
        "setting": entry.setting.code,
        "role": entry.role,
        "started_on": entry.started_on,
        "ended_on": entry.ended_on,
        "hours_per_week": entry.hours_per_week,
        "logged_hours": entry.logged_hours,
        "required_hours": entry.required_hours,
        "description": entry.description,
        "duties": [{"duty": d.duty, "percent": d.percent} for d in entry.duties.all()],
        "verified_by": selectors.entry_rows([entry])[0].verified_line,
    }


def _duty_percent(duties: list[DutyShare]) -> dict[str, int]:
    return {share.duty: share.percent for share in duties}


@router.get("/entries", response=list[EntryOut])
def entries_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [entry_out(entry) for entry in selectors.entries_for_owner(request.user)]


@router.post("/entries", response={201: EntryOut})
def entry_create(request: HttpRequest, payload: EntryIn) -> tuple[int, dict[str, Any]]:
    data = payload.dict()
    entry = services.experience_entry_add(
        member=request.user,
        kind=data["kind"],
        site_name=data["site_name"],
        site_city=data["site_city"],
        site_state=data["site_state"],
        setting_code=data["setting"],
        role=data["role"],
        started_on=data["started_on"],
        ended_on=data["ended_on"],
        hours_per_week=data["hours_per_week"],
        logged_hours=data["logged_hours"],
        description=data["description"],
        required_hours=data["required_hours"],
        duty_percent=_duty_percent(payload.duties),
    )
    return 201, entry_out(access.entry_get_for_owner(request.user, entry.pk))


@router.get("/entries/{entry_id}", response=EntryOut)
def entry_detail(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return entry_out(access.entry_get_for_owner(request.user, entry_id))


@router.patch("/entries/{entry_id}", response=EntryOut)
def entry_patch(request: HttpRequest, entry_id: int, payload: EntryPatch) -> dict[str, Any]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    changes = payload.dict(exclude_unset=True)
    if "setting" in changes:
        changes["setting_code"] = changes.pop("setting")
    if "duties" in changes:
        changes.pop("duties")
        changes["duty_percent"] = _duty_percent(payload.duties or [])
    for text in ("kind", "site_name", "site_city", "site_state", "setting_code", "role"):
        if text in changes and changes[text] is None:
            changes[text] = ""
    if "description" in changes and changes["description"] is None:
        changes["description"] = ""
    services.experience_entry_update(entry=entry, **changes)
    return entry_out(access.entry_get_for_owner(request.user, entry_id))


@router.delete("/entries/{entry_id}", response={204: None})
def entry_remove(request: HttpRequest, entry_id: int) -> tuple[int, None]:
    entry = access.entry_get_for_owner(request.user, entry_id)
    services.experience_entry_delete(entry=entry)
    return 204, None


@router.get("/summary", response=SummaryOut)
def summary(request: HttpRequest) -> dict[str, Any]:
    ledger = selectors.ledger_summary(selectors.entries_for_owner(request.user))
    return {
        "total": ledger.total.__dict__,
        "settings": [row.__dict__ for row in ledger.settings],
        "duties": [row.__dict__ for row in ledger.duties],
        "notes": list(ledger.notes),
        "full_time_hours_per_week": int(ledger.full_time_hours_per_week),
        "full_time_source": ledger.full_time_source,
    }
