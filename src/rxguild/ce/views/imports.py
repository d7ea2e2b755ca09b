"""Certificate PDFs (read in the sandbox, confirmed before saving) and CSV imports (preview
first)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from rxguild.accounts.viewer import signed_in_member
from rxguild.ce import services
from rxguild.ce.certificate_text import missing_notes
from rxguild.ce.forms import CeRecordForm, UploadForm
from rxguild.ce.models import CertificateUpload
from rxguild.ce.services.imports import COLUMNS as CSV_COLUMNS
from rxguild.ce.views.records import record_saved_message
from rxguild.core.forms import form_add_service_errors
from rxguild.core.uploads import UploadRejected

CSV_SESSION_KEY = "ce_csv_import"


@login_required
def certificate_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = services.ce_certificate_extract(
                member=signed_in_member(request.user), upload=form.cleaned_data["file"]
            )
        except UploadRejected as error:
            form.add_error("file", str(error))
        else:
            if pending.status == CertificateUpload.Status.UNREADABLE:
                messages.warning(
                    request,
                    f"{pending.failure} The file is kept as your proof; please type the "
                    "details from the certificate.",
                )
            return redirect("ce:certificate_confirm", upload_id=pending.id)
    return render(request, "ce/certificate_upload.html", {"form": form})


@login_required
def certificate_confirm(request: HttpRequest, upload_id: int) -> HttpResponse:
    pending = get_object_or_404(
        CertificateUpload,
        id=upload_id,
        member=signed_in_member(request.user),
        status__in=[CertificateUpload.Status.READ, CertificateUpload.Status.UNREADABLE],
    )
    form = CeRecordForm(request.POST or None, initial=pending.found)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.ce_certificate_confirm(pending=pending, data=form.record_data())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            record_saved_message(request, record)
            return redirect("ce:transcript")
    return render(
        request,
        "ce/certificate_confirm.html",
        {
            "form": form,
            "pending": pending,
            # Only for a file we could read: an unreadable one states nothing.
            "missing_notes": missing_notes(pending.found or {})
            if pending.status == CertificateUpload.Status.READ
            else [],
        },
    )


@login_required
def csv_import(request: HttpRequest) -> HttpResponse:
    """Upload -> preview (kept in the session, nothing saved) -> import all or valid only."""
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and "mode" not in request.POST:
        if not form.is_valid():
            return render(
                request,
                "ce/csv_import.html",
                {"form": form, "report": None, "columns": CSV_COLUMNS},
            )
        upload = form.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".csv"):
            form.add_error("file", "Choose a .csv file.")
        elif upload.size > 1024 * 1024:
            form.add_error("file", "The CSV is over 1 MB.")
        else:
            content = upload.read()
            report = services.ce_records_import_csv(
                member=signed_in_member(request.user), content=content
            )
            request.session[CSV_SESSION_KEY] = base64.b64encode(content).decode("ascii")
    elif request.method == "POST":
        form = UploadForm()
        stored = request.session.get(CSV_SESSION_KEY)
        if not stored:
            messages.error(request, "Upload the CSV again: the preview expired.")
            return redirect("ce:csv_import")
        report = services.ce_records_import_csv(
            member=signed_in_member(request.user),
            content=base64.b64decode(stored),
            commit=True,
            valid_only=request.POST.get("mode") == "valid",
        )
        if report.committed:
            del request.session[CSV_SESSION_KEY]
            messages.success(request, f"Imported {report.created} record(s).")
            return redirect("ce:transcript")
        messages.error(
            request, "Nothing was imported: fix the rows with errors, or import only valid rows."
        )
    return render(
        request,
        "ce/csv_import.html",
        {"form": form, "report": report, "columns": CSV_COLUMNS},
    )
