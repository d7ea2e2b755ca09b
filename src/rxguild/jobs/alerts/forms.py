"""The saved-search form (the search page's "Save this search" fills the query string)."""

from __future__ import annotations

from django import forms

from rxguild.jobs.alerts.digest import Frequency
from rxguild.jobs.models_alerts import FREQUENCY_CHOICES


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=120, required=False)
    query_string = forms.CharField(
        max_length=1000,
        required=False,
        label="Search (query string)",
        help_text="Filled in when you use “Save this search” on the job search page.",
    )
    frequency = forms.ChoiceField(
        choices=FREQUENCY_CHOICES, initial=Frequency.WEEKLY.value, label="Email me"
    )
