"""CE pages. Thin: every change goes through services, every object through a *_for_viewer
selector, and a member only ever sees their own transcript (staff: with a logged reason)."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer, is_course_manager, signed_in_member
from rxguild.ce import exports, services
from rxguild.ce.forms import CeRecordForm, StaffReasonForm, UploadForm
from rxguild.ce.models import (
    CPE_MONITOR_CLAIM_DAYS,
    CalendarFeedToken,
    CeRecord,
    CertificateUpload,
    Topic,
)
from rxguild.ce.selectors import (
    ce_record_get_for_viewer,
    compliance_for_member,
    course_counts_toward,
    course_search,
    record_input,
    transcript_for_member,
)
from rxguild.ce.services.imports import COLUMNS as CSV_COLUMNS
from rxguild.ce.uan import UanError, parse_uan
from rxguild.core.forms import form_add_service_errors
from rxguild.core.uploads import UploadRejected

CSV_SESSION_KEY = "ce_csv_import"


def _member_name(user: User) -> str:
    return user.get_full_name() or user.email


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    statuses = compliance_for_member(request.user, today=today)
    return render(request, "ce/dashboard.html", {"statuses": statuses, "today": today})


def _transcript_context(member: Viewer) -> dict[str, Any]:
    today = timezone.localdate()
    records = list(transcript_for_member(member))
    for record in records:
        record.days_left = record.cpe_monitor_days_left(today)  # type: ignore[attr-defined]  # for the template
    total = sum((r.hours for r in records), 0)
    return {"records": records, "total_hours": total, "today": today}


@login_required
@require_GET
def transcript(request: HttpRequest) -> HttpResponse:
    return render(request, "ce/transcript.html", _transcript_context(request.user))


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
            _saved_message(request, record)
            return redirect("ce:transcript")
    return render(request, "ce/record_form.html", {"form": form, "editing": None})


def _saved_message(request: HttpRequest, record: CeRecord) -> None:
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
        "tags": "; ".join(record.tags or []),
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
            _saved_message(request, record)
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


# --- certificate PDF ------------------------------------------------------------------


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
            _saved_message(request, record)
            return redirect("ce:transcript")
    return render(request, "ce/certificate_confirm.html", {"form": form, "pending": pending})


# --- CSV import -----------------------------------------------------------------------


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


# --- exports --------------------------------------------------------------------------


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    content = exports.transcript_csv(transcript_for_member(request.user))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ce-transcript.csv"'
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    records = list(transcript_for_member(request.user))
    content = exports.transcript_pdf(
        member_name=_member_name(signed_in_member(request.user)),
        records=records,
        generated_on=timezone.localdate(),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ce-transcript.pdf"'
    return response


# --- course catalog -------------------------------------------------------------------


@login_required
@require_GET
def course_catalog(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    needed_only = request.GET.get("needed") == "1"
    topic = request.GET.get("topic", "")[:2]
    audience = request.GET.get("audience", "")[:1]
    courses = list(course_search(query=query, topic=topic, audience=audience)[:200])
    counts: dict[int, list[str]] = {}
    if needed_only or courses:
        today = timezone.localdate()
        statuses = compliance_for_member(request.user, today=today)
        records = [record_input(r) for r in transcript_for_member(request.user)]
        counts = {c.id: course_counts_toward(c, statuses, records) for c in courses}
    if needed_only:
        courses = [c for c in courses if counts.get(c.id)]
    can_import = is_course_manager(request.user)
    return render(
        request,
        "ce/courses.html",
        {
            "courses": courses,
            "counts": counts,
            "query": query,
            "needed_only": needed_only,
            "can_import": can_import,
            "topic": topic,
            "audience": audience,
            "topics": [(c, label) for c, label in Topic.choices if c],
        },
    )


@login_required
def course_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_course_manager(user):
        raise PermissionDenied("Only staff and CE providers may import courses.")
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith((".csv", ".json")) or upload.size > 1024 * 1024:
            form.add_error("file", "Choose a .csv or .json file up to 1 MB.")
        else:
            report = services.course_import(actor=user, content=upload.read(), filename=name)
            if not report.errors:
                messages.success(
                    request, f"{report.created} course(s) added, {report.updated} updated."
                )
                return redirect("ce:courses")
    return render(request, "ce/course_import.html", {"form": form, "report": report})


# --- calendar feed --------------------------------------------------------------------


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    """The member's one calendar is core's (/calendar/, every capability's dates); this
    address sends there and still makes or replaces the feed secret CE keeps."""
    if request.method == "POST":
        services.calendar_feed_rotate(member=signed_in_member(request.user))
        messages.success(request, "New calendar address made; the old one no longer works.")
    return redirect("core:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar apps cannot sign in. The long random token is the credential."""
    feed = CalendarFeedToken.objects.select_related("member").filter(token=token).first()
    if feed is None or not feed.member.is_active:
        raise Http404
    today = timezone.localdate()
    statuses = compliance_for_member(feed.member, today=today)
    pending = list(
        CeRecord.objects.filter(
            member=feed.member,
            cpe_monitor_status=CeRecord.CpeMonitor.PENDING,
            completed_on__gte=today - timedelta(days=CPE_MONITOR_CLAIM_DAYS),
        )
    )
    body = exports.calendar_ics(
        statuses=statuses,
        pending_records=pending,
        uid_domain=request.get_host().split(":")[0],
        member_id=feed.member_id,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- staff ----------------------------------------------------------------------------


@login_required
def staff_transcript(request: HttpRequest, member_id: int) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    member = get_object_or_404(get_user_model(), id=member_id)
    form = StaffReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_transcript_access_log(
            staff=request.user, member=member, reason=form.cleaned_data["reason"]
        )
        context = _transcript_context(member)
        context.update(member=member, staff_view=True)
        return render(request, "ce/transcript.html", context)
    return render(request, "ce/staff_reason.html", {"form": form, "member": member})
