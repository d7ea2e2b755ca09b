"""The member's wallet page, their documents, and the staff review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.wallet import access, selectors, services
from rxguild.wallet.forms import DocumentForm, RejectForm
from rxguild.wallet.issued import issuable_badges


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request.user)
    form = DocumentForm(request.POST or None, request.FILES or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.credential_document_submit(
                member=member,
                credential_held=form.cleaned_data["credential_held"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Uploaded {document.original_name}; staff will review it.")
            return redirect("wallet:home")
    helds = list(access.credentials_of_owner(member))
    selectors.credential_marks_attach(helds)
    return render(
        request,
        "wallet/home.html",
        {
            "form": form,
            "credentials": helds,
            "documents": list(selectors.documents_for_owner(member)),
            "badges": issuable_badges(member),
            "imported": list(selectors.imported_badges_for_owner(member)),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    member = signed_in_member(request.user)
    document = access.document_get_for_owner(member, document_id)
    services.credential_document_delete(member=member, document=document)
    messages.success(request, f"Removed {document.original_name}.")
    return redirect("wallet:home")


@login_required
@require_GET
def document_file(request: HttpRequest, document_id: int) -> FileResponse:
    document = access.document_get_for_viewer(request.user, document_id)
    if not document.file:
        raise Http404
    # Always an attachment, never rendered in our origin: an uploaded file is untrusted.
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not access.is_document_reviewer(request.user):
        raise Http404
    return render(
        request,
        "wallet/review.html",
        {"documents": list(selectors.review_queue()), "reject_form": RejectForm()},
    )


@login_required
@require_POST
def review_decide(request: HttpRequest, document_id: int) -> HttpResponse:
    document = access.document_get_for_reviewer(request.user, document_id)
    reviewer = signed_in_member(request.user)
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            services.credential_document_approve(reviewer=reviewer, document=document)
            messages.success(request, f"Approved {document.original_name}.")
        elif decision == "reject":
            services.credential_document_reject(
                reviewer=reviewer, document=document, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"Rejected {document.original_name}.")
        else:
            messages.error(request, "Choose approve or reject.")
    except (ValidationError, PermissionDenied) as error:
        text = service_error_text(error) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    return redirect("wallet:review")
