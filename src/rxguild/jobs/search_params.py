"""A job search's URL parameters: parsed by one form for the page, the API and saved alerts.

Parsing is lenient on purpose: a search link from an old alert or a hand-edited URL should
still show results, so a bad value is dropped with a message for the member and the rest of
the search runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from rxguild.jobs.models import EmploymentType, Shift

RADIUS_CHOICES = (5, 10, 25, 50, 100)
POSTED_WITHIN_CHOICES = (1, 3, 7, 14, 30)
SORTS = ("relevance", "date", "distance", "pay")
DEFAULT_RADIUS = 25
MAX_PAGE = 9999
_TRUE = {"1", "true", "on", "yes"}

_PAY_MESSAGE = "Minimum pay must be an hourly amount between 0 and 500."


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    setting: str = ""  # a practice setting code; resolved (or refused) by the selector
    employment_type: str = ""
    shift: str = ""
    credential: str = ""  # a credential code; resolved (or refused) by the selector
    pay_min: Decimal | None = None
    posted_within: int | None = None
    internship: bool = False
    zip: str = ""
    radius: int = DEFAULT_RADIUS
    sort: str = "relevance"
    page: int = 1

    def as_query(self) -> dict[str, str]:
        """The non-default parameters, for links that keep the search (URL, pagination)."""
        values = {
            "q": self.q,
            "setting": self.setting,
            "employment_type": self.employment_type,
            "shift": self.shift,
            "credential": self.credential,
            "pay_min": str(self.pay_min) if self.pay_min is not None else "",
            "posted_within": str(self.posted_within or ""),
            "internship": "1" if self.internship else "",
            "zip": self.zip,
            "radius": str(self.radius) if self.zip else "",
            "sort": self.sort if self.sort != "relevance" else "",
        }
        return {k: v for k, v in values.items() if v}


class _TrimmedText(forms.CharField):
    """Free text cut to a length instead of refused: a pasted query still searches."""

    def __init__(self, *, cut_at: int) -> None:
        super().__init__(required=False)
        self.cut_at = cut_at

    def clean(self, value: Any) -> str:
        return str(super().clean(value) or "")[: self.cut_at]


class JobSearchForm(forms.Form):
    q = _TrimmedText(cut_at=200)
    setting = _TrimmedText(cut_at=60)
    credential = _TrimmedText(cut_at=60)
    employment_type = forms.ChoiceField(
        required=False,
        choices=EmploymentType.choices,
        error_messages={"invalid_choice": "Unknown employment type “%(value)s”."},
    )
    shift = forms.ChoiceField(
        required=False,
        choices=Shift.choices,
        error_messages={"invalid_choice": "Unknown shift “%(value)s”."},
    )
    pay_min = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=500,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), _PAY_MESSAGE),
    )
    posted_within = forms.TypedChoiceField(
        required=False,
        choices=[(str(days), days) for days in POSTED_WITHIN_CHOICES],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "“Posted within” must be 1, 3, 7, 14 or 30 days."},
    )
    internship = forms.CharField(required=False)
    zip = _TrimmedText(cut_at=10)
    radius = forms.TypedChoiceField(
        required=False,
        choices=[(str(miles), miles) for miles in RADIUS_CHOICES],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "The radius must be 5, 10, 25, 50 or 100 miles."},
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(sort, sort) for sort in SORTS],
        error_messages={"invalid_choice": "Unknown sort “%(value)s”."},
    )
    page = forms.CharField(required=False)

    def clean_internship(self) -> bool:
        return str(self.cleaned_data.get("internship") or "").strip().lower() in _TRUE

    def clean_radius(self) -> int:
        return self.cleaned_data.get("radius") or DEFAULT_RADIUS

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"

    def clean_page(self) -> int:
        page = str(self.cleaned_data.get("page") or "").strip()
        return int(page) if page.isdigit() and 0 < int(page) <= MAX_PAGE else 1


def search_params_parse(data: Mapping[str, Any]) -> tuple[SearchParams, list[str]]:
    """The search the parameters describe, and a message for each value that was dropped."""
    form = JobSearchForm(data)
    form.is_valid()
    errors = [str(message) for messages in form.errors.values() for message in messages]
    values = {name: value for name, value in form.cleaned_data.items() if value is not None}
    return SearchParams(**values), errors
