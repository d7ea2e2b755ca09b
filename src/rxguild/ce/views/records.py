"""One record at a time: add, edit, delete, CPE Monitor status, proof file, UAN look-up (htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.ce import services
from rxguild.ce.forms import CeRecordForm
from rxguild.ce.models import CeRecord
from rxguild.ce.selectors import ce_record_get_for_viewer
from rxguild.ce.tags import tag_labels
from rxguild.ce.uan import UanError, parse_uan
from rxguild.core.forms import form_add_service_errors
from rxguild.core.uploads import UploadRejected


@login_required
def record_add(request: HttpRequest) -> HttpResponse:
    form = CeRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.ce_record_add(
                member=signed_in_member(request.user),
                data=form.record_data(),
                proof=form.cleaned_data.get("proof"),
            )
        except UploadRejected as error:
            form.add_error("proof", str(error))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            record_saved_message(request, record)
            return redirect("ce:transcript")
    return render(request, "ce/record_form.html", {"form": form, "editing": None})


def record_saved_message(request: HttpRequest, record: CeRecord) -> None:
    messages.success(request, f"Saved “{record.title}”.")
    if record.is_duplicate:
        messages.warning(
            request,
            "This record has the same UAN and date as another in your transcript. Both are kept "
            "and flagged; delete one if it was entered twice.",
        )


@login_required
def record_edit(request: HttpRequest, record_id: int) -> HttpResponse:
    record = ce_record_get_for_viewer(request.user, record_id)
    initial = {
        "uan": record.uan,
        "title": record.title,
        "provider_name": record.provider_name,
        "completed_on": record.completed_on,
        "hours": record.hours,
        "format": record.format,
        "topic_code": record.topic_code,
        "audience": record.audience,
        "kind": record.kind,
        "tags": "; ".join(tag_labels(record.tags or [])),
    }
    form = CeRecordForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.ce_record_update(
                record=record, data=form.record_data(), proof=form.cleaned_data.get("proof")
            )
        except UploadRejected as error:
            form.add_error("proof", str(error))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            record_saved_message(request, record)
            return redirect("ce:transcript")
    return render(request, "ce/record_form.html", {"form": form, "editing": record})


@login_required
@require_POST
def record_delete(request: HttpRequest, record_id: int) -> HttpResponse:
    record = ce_record_get_for_viewer(request.user, record_id)
    title = record.title
    services.ce_record_delete(record=record)
    messages.success(request, f"Deleted “{title}”.")
    return redirect("ce:transcript")


@login_required
@require_POST
def record_reported(request: HttpRequest, record_id: int) -> HttpResponse:
    record = ce_record_get_for_viewer(request.user, record_id)
    confirmed = request.POST.get("confirmed", "1") == "1"
    services.ce_record_mark_reported(record=record, confirmed=confirmed)
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware
        record.days_left = record.cpe_monitor_days_left(timezone.localdate())  # type: ignore[attr-defined]
        return render(request, "ce/_cpe_cell.html", {"record": record})
    messages.success(request, "CPE Monitor status updated.")
    return redirect("ce:transcript")


@login_required
@require_GET
def record_proof(request: HttpRequest, record_id: int) -> FileResponse:
    record = ce_record_get_for_viewer(request.user, record_id)
    if not record.proof_file:
        raise Http404
    return _attachment(record.proof_file, record.proof_name or "proof")


def _attachment(field_file: Any, name: str) -> FileResponse:
    # Always an attachment, never rendered in our origin: an uploaded file is untrusted.
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def uan_lookup(request: HttpRequest) -> HttpResponse:
    """htmx: decode the typed UAN and re-render the fields it determines."""
    text = request.GET.get("uan", "").strip()
    decoded = None
    error = ""
    if text:
        try:
            decoded = parse_uan(text)
        except UanError as exc:
            error = str(exc)
    data = request.GET.copy()
    if decoded:
        data["format"] = decoded.format
        data["topic_code"] = decoded.topic_code
        if decoded.audience:
            data["audience"] = decoded.audience
        if decoded.provider_name and not data.get("provider_name"):
            data["provider_name"] = decoded.provider_name
    form = CeRecordForm(initial={k: data.get(k) for k in data})
    return render(
        request, "ce/_uan_fields.html", {"form": form, "decoded": decoded, "uan_error": error}
    )
