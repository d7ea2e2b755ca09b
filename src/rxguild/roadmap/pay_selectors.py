"""Reads for pay: official BLS figures from the catalog and member reports in buckets.

Approved reports are read as plain tuples (one query) and bucketed by the pure `pay.py`, which
never lets a group under five through; nothing here returns a single report to anyone but its
own member or a moderator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from rxguild.catalog.models import Credential, PracticeSetting, Wage
from rxguild.profiles.models import CredentialHeld, WorkExperience
from rxguild.roadmap.models import PayReport
from rxguild.roadmap.pay import (
    Bucket,
    CredentialComparison,
    PayPoint,
    buckets,
    compare_credential,
    overall,
    to_cents,
)


def approved_points(*, state: str = "", setting: str = "") -> list[PayPoint]:
    reports = PayReport.objects.filter(status=PayReport.Status.APPROVED)
    if state:
        reports = reports.filter(state=state)
    if setting:
        reports = reports.filter(setting=setting)
    return [
        PayPoint(to_cents(hourly), state_, setting_, shift, years, frozenset(credentials or ()))
        for hourly, state_, setting_, shift, years, credentials in reports.values_list(
            "hourly_pay", "state", "setting", "shift", "years_experience", "credentials"
        ).iterator(chunk_size=5000)
    ]


@dataclass(frozen=True)
class PayOverview:
    wages: list[Wage]
    by_state_setting: list[Bucket]
    by_years: list[Bucket]
    comparison: CredentialComparison | None
    setting_names: dict[str, str]
    credential_names: dict[str, str]
    state: str
    setting: str
    credential: str


def pay_overview(*, state: str = "", setting: str = "", credential: str = "") -> PayOverview:
    points = approved_points(state=state, setting=setting)
    names = dict(Credential.objects.values_list("code", "name"))
    return PayOverview(
        wages=list(
            Wage.objects.filter(area__in=["US", state] if state else ["US"], msa_code="").order_by(
                "area", "-period", "code"
            )
        ),
        by_state_setting=buckets(points, by=("state", "setting")),
        by_years=buckets(points, by=("years_band",)),
        comparison=(
            compare_credential(points, credential=credential, state=state, setting=setting)
            if credential in names
            else None
        ),
        setting_names=dict(PracticeSetting.objects.values_list("code", "name")),
        credential_names=names,
        state=state,
        setting=setting,
        credential=credential if credential in names else "",
    )


@dataclass(frozen=True)
class SpecialtyPay:
    """Pay for a specialty, from what is really known. The catalog's official figures (BLS
    OEWS) are by state and industry only: they have no figure by specialty, and the page says
    so rather than reading one into an industry. Member reports count where their setting is
    one of the specialty's settings, shown by the same rule as the pay page (groups of at
    least five, count and median only)."""

    settings: tuple[tuple[str, str], ...]  # (code, name) of the specialty's settings
    all_settings: Bucket | None  # every approved report in those settings, None under five
    by_setting: list[Bucket]
    credential: str  # the specialty's own credential compared, "" when it has none
    credential_name: str
    comparison: CredentialComparison | None


def specialty_pay(
    *, settings: list[tuple[str, str]], credential: str = "", credential_name: str = ""
) -> SpecialtyPay:
    """One query for the reports; the rest is the pure `pay.py`."""
    codes = [code for code, _ in settings]
    points = [
        PayPoint(to_cents(hourly), state_, setting_, shift, years, frozenset(credentials or ()))
        for hourly, state_, setting_, shift, years, credentials in PayReport.objects.filter(
            status=PayReport.Status.APPROVED, setting__in=codes
        ).values_list("hourly_pay", "state", "setting", "shift", "years_experience", "credentials")
    ]
    return SpecialtyPay(
        settings=tuple(settings),
        all_settings=overall(points),
        by_setting=buckets(points, by=("setting",)),
        credential=credential,
        credential_name=credential_name or credential,
        comparison=compare_credential(points, credential=credential) if credential else None,
    )


def pay_reports_for_member(member: Any) -> QuerySet[PayReport]:
    return PayReport.objects.filter(member=member).select_related("job").order_by("-created_at")


def jobs_for_pay_report(member: Any) -> list[WorkExperience]:
    return list(WorkExperience.objects.filter(profile__user=member).order_by("-start_date", "id"))


def held_credentials_for_pay(member: Any) -> list[tuple[str, str]]:
    return list(
        CredentialHeld.objects.filter(profile__user=member)
        .order_by("credential__name")
        .values_list("credential__code", "credential__name")
        .distinct()
    )


def pay_reports_pending() -> QuerySet[PayReport]:
    """For moderators: the figures and what they are grouped by, never the member."""
    return PayReport.objects.filter(status=PayReport.Status.PENDING).order_by("created_at", "id")
