"""Reads for "pay where you are": the member's metro area figure, else their state's.

Two queries (the profile's state and ZIP; the state and metro wage rows, which are a few dozen);
the choice itself is the pure `pay_area.py`. ZIP -> city comes from `jobs.geo` (the `zipcodes`
package shipped in the wheel, no network).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from rxguild.catalog.models import Wage
from rxguild.jobs.geo import UnknownZipError, zip_centroid
from rxguild.profiles.models import Profile
from rxguild.roadmap.pay_area import (
    CHOSEN,
    MATCHED,
    AreaChoice,
    MetroOption,
    choose_area,
    metro_options,
)


@dataclass(frozen=True)
class AreaPay:
    state: str  # the state the figures are for ("" when neither the member nor the filter has one)
    choice: AreaChoice
    metro_name: str
    metro_rows: list[Wage]  # the chosen metro's figures, newest period first
    state_rows: list[Wage]  # the state's own figures (no metro rows)
    options: list[MetroOption]  # every metro with a figure, the state's first

    @property
    def chosen(self) -> bool:
        return self.choice.how == CHOSEN

    @property
    def matched(self) -> bool:
        return self.choice.how == MATCHED

    @property
    def state_has_figure(self) -> bool:
        return any(w.annual_median or w.annual_mean or w.hourly_median for w in self.state_rows)


def member_location(member: Any) -> tuple[str, str]:
    """(state, ZIP) from the member's profile, ("", "") without one."""
    found = Profile.objects.filter(user=member).values_list("state", "zip_code").first()
    return (found[0].upper(), found[1]) if found else ("", "")


def zip_city(zip_code: str) -> str:
    try:
        return zip_centroid(zip_code).city if zip_code else ""
    except UnknownZipError:
        return ""


def metro_codes() -> set[str]:
    return set(Wage.objects.exclude(msa_code="").values_list("msa_code", flat=True))


def area_pay(*, state: str, zip_code: str = "", metro: str = "") -> AreaPay:
    """The figures for `metro` when it has any, else the ZIP's metro, else `state`'s own."""
    rows = list(
        Wage.objects.filter(~Q(msa_code="") | Q(area=state, msa_code="")).order_by(
            "-period", "code"
        )
    )
    metros = [w for w in rows if w.msa_code]
    options = metro_options(metros, state=state)
    city = zip_city(zip_code)
    choice = choose_area(options, state=state, chosen=metro, city=city, rows=metros)
    chosen_rows = [w for w in metros if w.msa_code == choice.metro_code]
    return AreaPay(
        state=chosen_rows[0].area if chosen_rows else state,
        choice=choice,
        metro_name=chosen_rows[0].msa_name if chosen_rows else "",
        metro_rows=chosen_rows,
        state_rows=[w for w in rows if not w.msa_code and w.area == state],
        options=options,
    )
