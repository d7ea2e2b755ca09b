"""The private renewal-details section (birth month and day, CE situations)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from rxguild.core.forms import form_add_service_errors
from rxguild.profiles import selectors, services
from rxguild.profiles.forms import RenewalDetailsForm
from rxguild.profiles.views.common import post_for_section, section_response


@login_required
@post_for_section("renewal")
def renewal_details_save(request: HttpRequest) -> HttpResponse:
    """Used only to work out renewal dates and which state CE applies; never shown to others."""
    profile = selectors.profile_for_owner(request.user)
    form = RenewalDetailsForm(request.POST)
    if form.is_valid():
        try:
            services.profile_renewal_details_set(
                profile=profile,
                birth_month=form.cleaned_data["birth_month"],
                birth_day=form.cleaned_data["birth_day"],
                ce_conditions=form.cleaned_data["ce_conditions"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
    return section_response(
        request,
        "renewal",
        ok=not form.errors,
        success="Renewal details saved.",
        changed=not form.errors,
        renewal_form=form,
    )
