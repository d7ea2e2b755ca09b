"""The member's competency record: evaluations, and when each is due again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.experience import access, selectors, services
from rxguild.experience.forms import CompetencyRecordForm
from rxguild.experience.reference import competencies as competency_rules


@login_required
@require_http_methods(["GET", "POST"])
def competencies(request: HttpRequest) -> HttpResponse:
    form = CompetencyRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.competency_record_add(member=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Recorded the evaluation of {record.performed_on:%b %-d}.")
            return redirect("experience:competencies")
    return render(
        request,
        "experience/competencies.html",
        {
            "form": form,
            "standings": selectors.competency_standings_for_member(request.user),
            "records": list(selectors.competency_records_for_owner(request.user)),
            "rules": competency_rules(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def competency_delete(request: HttpRequest, record_id: int) -> HttpResponse:
    record = access.competency_record_get_for_owner(request.user, record_id)
    services.competency_record_delete(record=record)
    messages.success(request, "Removed that evaluation.")
    return redirect("experience:competencies")
