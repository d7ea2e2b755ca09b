"""The member's pages: the board, a card, applying, contacts and informational interviews."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.core.ratelimit import RateLimited
from rxguild.tracker import access, selectors
from rxguild.tracker.board import STAGE_LABELS, Stage
from rxguild.tracker.forms import (
    ApplyForm,
    ContactForm,
    ExternalJobForm,
    InterviewForm,
    MoveForm,
    TrackerDetailsForm,
)
from rxguild.tracker.models import ApplicationResume
from rxguild.tracker.services import applications as application_services
from rxguild.tracker.services import interviews as interview_services
from rxguild.wallet.applications import application_proofs, attachable_badges

# --- The board ---------------------------------------------------------------------------


def _board_context(request: HttpRequest, status: str = "") -> dict[str, Any]:
    return {
        "columns": selectors.tracker_board_for_member(request.user),
        "stage_choices": [(stage.value, STAGE_LABELS[stage]) for stage in Stage],
        "status_message": status,
    }


@login_required
def tracker_board(request: HttpRequest) -> HttpResponse:
    context = _board_context(request)
    context["interview_count"] = selectors.interviews_for_member(request.user).count()
    context["board_is_empty"] = not any(column.cards for column in context["columns"])
    return render(request, "tracker/board.html", context)


@login_required
@require_POST
def tracker_move(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.application_get_for_member(request.user, application_id)
    form = MoveForm(request.POST)
    status = ""
    if not form.is_valid():
        status = "That move was not understood: choose a direction or a stage."
    else:
        try:
            if form.cleaned_data["move"]:
                application_services.tracked_application_move(
                    application=application, move=form.cleaned_data["move"]
                )
            else:
                application_services.tracked_application_place(
                    application=application,
                    stage=form.cleaned_data["stage"],
                    index=form.cleaned_data["index"],
                )
            application.refresh_from_db()
            status = f"“{application.title}” is in {application.get_stage_display()}."
        except ValidationError as error:
            status = service_error_text(error)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "tracker/_board.html", _board_context(request, status))
    messages.info(request, status)
    return redirect(f"{reverse('tracker:board')}#card-{application.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def tracker_add_external(request: HttpRequest) -> HttpResponse:
    form = ExternalJobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_services.tracked_application_add_external(
                member=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"“{application.title}” is on your tracker.")
            return redirect("tracker:detail", application_id=application.pk)
    return render(
        request,
        "tracker/external_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tracker_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.application_get_for_member(request.user, application_id)
    details = TrackerDetailsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "notes": application.notes,
            "applied_on": application.applied_on,
            "follow_up_on": application.follow_up_on,
        },
    )
    if request.method == "POST" and details.is_valid():
        try:
            application_services.tracked_application_update(
                application=application, **details.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(details, error)
        else:
            messages.success(request, "Saved.")
            return redirect("tracker:detail", application_id=application.pk)
    return render(
        request,
        "tracker/detail.html",
        {
            "application": application,
            "details_form": details,
            "contact_form": ContactForm(),
            "contacts": selectors.application_contacts(application),
            "timeline": selectors.application_timeline_for_member(application),
            "stage_choices": [(stage.value, STAGE_LABELS[stage]) for stage in Stage],
            # Verification links from the credential wallet (the wallet app owns them).
            "wallet_proofs": application_proofs(application),
            "wallet_attachable": attachable_badges(signed_in_member(request.user), application),
        },
    )


@login_required
@require_POST
def tracker_delete(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.application_get_for_member(request.user, application_id)
    try:
        application_services.tracked_application_delete(application=application)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("tracker:detail", application_id=application.pk)
    messages.success(request, f"Removed “{application.title}” from your tracker.")
    return redirect("tracker:board")


@login_required
@require_POST
def tracker_contact_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.application_get_for_member(request.user, application_id)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            application_services.application_contact_add(
                application=application, **form.cleaned_data
            )
            messages.success(request, "Contact added.")
        except ValidationError as error:
            messages.error(request, service_error_text(error))
    else:
        messages.error(request, "Give the contact's name (and a valid email, if any).")
    return redirect("tracker:detail", application_id=application.pk)


@login_required
@require_POST
def tracker_contact_delete(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access.contact_get_for_member(request.user, contact_id)
    application_id = contact.application_id
    application_services.application_contact_delete(contact=contact)
    messages.success(request, "Contact removed.")
    return redirect("tracker:detail", application_id=application_id)


@login_required
@require_POST
def tracker_track_posting(request: HttpRequest, public_id: Any) -> HttpResponse:
    posting = access.live_posting_get(public_id)
    application = application_services.tracked_application_track_posting(
        member=signed_in_member(request.user), posting=posting
    )
    messages.success(request, f"“{application.title}” is on your tracker.")
    return redirect("tracker:detail", application_id=application.pk)


# --- Applying ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tracker_apply(request: HttpRequest, public_id: Any) -> HttpResponse:
    posting = access.live_posting_get(public_id)
    existing = selectors.tracked_application_for_posting(request.user, posting)
    if existing is not None and existing.is_submitted:
        messages.info(request, "You have already applied to this job.")
        return redirect("tracker:detail", application_id=existing.pk)
    resumes = selectors.resumes_for_member(request.user)
    from rxguild.resumes.selectors import resumes_for_owner

    form = ApplyForm(
        request.POST or None,
        request.FILES or None,
        resumes=resumes,
        rxguild_resumes=list(resumes_for_owner(request.user)),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            choice = form.cleaned_data["resume"]
            upload = form.cleaned_data.get("resume_file")
            resume = application_services.ResumeChoice(
                existing=form.resumes.get(choice),
                upload=upload if choice == ApplyForm.RESUME_UPLOAD else None,
                upload_name=upload.name if upload else "",
            )
            if choice in form.rxguild_resumes:
                # The member's RxGuild resume goes out as the PDF they can download too.
                from rxguild.resumes.export_pdf import resume_pdf_upload

                resume = application_services.ResumeChoice(
                    **resume_pdf_upload(form.rxguild_resumes[choice])
                )
            try:
                application = application_services.application_submit(
                    member=signed_in_member(request.user),
                    posting=posting,
                    resume=resume,
                    note=form.cleaned_data["note"],
                )
            except RateLimited as error:
                form.add_error(None, str(error))
                status = 429
            except ValidationError as error:
                form_add_service_errors(form, error)
                status = 400
            else:
                messages.success(
                    request, f"Applied to “{posting.title}”. It is on your tracker under Applied."
                )
                return redirect("tracker:detail", application_id=application.pk)
        else:
            status = 400
    return render(
        request,
        "tracker/apply.html",
        {
            "posting": posting,
            "form": form,
            "shared": _apply_preview(request, posting, form, request.POST or None),
        },
        status=status,
    )


def _apply_preview(
    request: HttpRequest, posting: Any, form: ApplyForm, data: Any
) -> selectors.SharedApplication:
    """What the employer will see, from the choices in `data` (the form as filled so far)."""
    data = data if data is not None else {"resume": form.fields["resume"].initial}
    choice = str(data.get("resume") or "")
    resume_name = ""
    if choice in form.resumes:
        resume_name = form.resumes[choice].original_name
    elif choice in form.rxguild_resumes:
        from rxguild.resumes.export_pdf import resume_pdf_name

        resume_name = resume_pdf_name(form.rxguild_resumes[choice])
    elif choice == ApplyForm.RESUME_UPLOAD:
        resume_name = "The file you upload"
    return selectors.shared_preview(
        request.user, posting, note=str(data.get("note") or "")[:4000], resume_name=resume_name
    )


@login_required
@require_http_methods(["GET"])
def tracker_apply_preview(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The preview alone, for htmx while the member fills in the form (nothing is saved)."""
    posting = access.live_posting_get(public_id)
    from rxguild.resumes.selectors import resumes_for_owner

    form = ApplyForm(
        resumes=selectors.resumes_for_member(request.user),
        rxguild_resumes=list(resumes_for_owner(request.user)),
    )
    return render(
        request,
        "tracker/_apply_preview.html",
        {"posting": posting, "shared": _apply_preview(request, posting, form, request.GET)},
    )


def resume_response(resume: ApplicationResume) -> FileResponse:
    response = FileResponse(
        resume.file.open("rb"),
        as_attachment=True,
        filename=resume.original_name,
        content_type=resume.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def tracker_resume_download(request: HttpRequest, resume_id: int) -> FileResponse:
    return resume_response(access.resume_get_for_member(request.user, resume_id))


# --- Informational interviews ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def interviews(request: HttpRequest) -> HttpResponse:
    form = InterviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interview_services.informational_interview_add(
                member=signed_in_member(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Interview logged.")
            return redirect("tracker:interviews")
    return render(
        request,
        "tracker/interviews.html",
        {"form": form, "interviews": selectors.interviews_for_member(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def interview_delete(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = access.interview_get_for_member(request.user, interview_id)
    interview_services.informational_interview_delete(interview=interview)
    messages.success(request, "Interview removed from your log.")
    return redirect("tracker:interviews")
