"""The employer's pages: applicants to its postings, one applicant, and its pipeline stages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.tracker import access, selectors
from rxguild.tracker.forms import (
    EmployerNoteForm,
    EmployerStagesForm,
)
from rxguild.tracker.models import ApplicationEvent, TrackedApplication
from rxguild.tracker.services import pipeline as pipeline_services
from rxguild.tracker.views.member import resume_response
from rxguild.wallet.applications import application_proofs

# --- Employer: applicants -----------------------------------------------------------------


@login_required
def employer_applicants_home(request: HttpRequest) -> HttpResponse:
    employer_ids = access.employer_ids_for(request.user)
    if not employer_ids:
        raise Http404
    return render(
        request,
        "tracker/employer/applicants_home.html",
        {"postings": selectors.employer_postings_with_applicants(request.user)},
    )


@login_required
def employer_applicants(request: HttpRequest, public_id: Any) -> HttpResponse:
    posting = access.posting_get_for_employer_viewer(request.user, public_id)
    stages = pipeline_services.employer_stages_ensure(employer=posting.employer)
    applicants = selectors.applicants_for_posting(request.user, posting)
    by_stage: dict[int | None, list[selectors.SharedApplication]] = {s.pk: [] for s in stages}
    for applicant in applicants:
        by_stage.setdefault(applicant.stage_id, []).append(applicant)
    return render(
        request,
        "tracker/employer/applicants.html",
        {
            "posting": posting,
            "stages": stages,
            "columns": [(stage, by_stage.get(stage.pk, [])) for stage in stages],
            "applicant_count": len(applicants),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_applicant_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.application_get_for_employer(request.user, application_id)
    assert application.posting is not None
    note_form = EmployerNoteForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "note":
                note_form = EmployerNoteForm(request.POST)
                if note_form.is_valid():
                    pipeline_services.employer_note_add(
                        application=application,
                        author=signed_in_member(request.user),
                        **note_form.cleaned_data,
                    )
                    messages.success(request, "Note added (only your team sees it).")
                    return redirect("tracker:employer_applicant", application_id=application.pk)
            else:
                stage = next(
                    (
                        s
                        for s in selectors.employer_stages_for_posting(application.posting)
                        if str(s.pk) == request.POST.get("stage")
                    ),
                    None,
                )
                if stage is None:
                    raise ValidationError("Choose one of your stages.")
                pipeline_services.employer_application_move(
                    application=application, stage=stage, actor=signed_in_member(request.user)
                )
                messages.success(request, f"Moved to “{stage.name}”. The applicant sees this.")
                if request.POST.get("next") == "list":
                    return redirect(
                        "tracker:employer_applicants", public_id=application.posting.public_id
                    )
                return redirect("tracker:employer_applicant", application_id=application.pk)
        except ValidationError as error:
            messages.error(request, service_error_text(error))
    application = (
        TrackedApplication.objects.filter(pk=application.pk)
        .select_related("posting", "posting__employer", "shared_resume", "employer_stage")
        .prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.filter(shared=True)),
            "employer_notes__author",
        )
        .get()
    )
    return render(
        request,
        "tracker/employer/applicant_detail.html",
        {
            "shared": selectors.shared_view(application),
            "posting": application.posting,
            "stages": selectors.employer_stages_for_posting(application.posting),  # type: ignore[arg-type]
            "notes": list(application.employer_notes.all()),
            "note_form": note_form,
            # Verification links the applicant attached (the wallet app owns them).
            "wallet_proofs": application_proofs(application),
        },
    )


@login_required
def employer_applicant_resume(request: HttpRequest, application_id: int) -> FileResponse:
    application = access.application_get_for_employer(request.user, application_id)
    if application.shared_resume is None:
        raise Http404
    return resume_response(application.shared_resume)


@login_required
@require_http_methods(["GET", "POST"])
def employer_stages(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = access.employer_get_for_viewer(request.user, employer_id)
    stages = pipeline_services.employer_stages_ensure(employer=employer)
    form = EmployerStagesForm(
        request.POST or None, initial={"names": "\n".join(s.name for s in stages)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pipeline_services.employer_stages_set(
                employer=employer, names=form.cleaned_data["names"].splitlines()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Stages saved.")
            return redirect("tracker:employer_stages", employer_id=employer.pk)
    return render(
        request,
        "tracker/employer/stages.html",
        {"employer": employer, "form": form},
        status=400 if form.errors else 200,
    )
