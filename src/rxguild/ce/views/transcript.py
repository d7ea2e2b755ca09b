"""The transcript, the status page and their exports (CSV, proof PDF); staff's view of a member's
transcript after a logged reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rxguild.accounts.viewer import Viewer, signed_in_member
from rxguild.ce import exports, services
from rxguild.ce.forms import StaffReasonForm
from rxguild.ce.selectors import (
    compliance_for_member,
    member_name_for_documents,
    transcript_for_member,
    transcript_scope_for_member,
)


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
    total = sum((r.hours for r in records), Decimal(0))
    return {"records": records, "total_hours": total, "today": today}


@login_required
@require_GET
def transcript(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request.user)
    context = _transcript_context(member)
    # The PDF can cover one credential's current cycle: offer those that have one.
    context["pdf_scopes"] = [
        s for s in compliance_for_member(member, today=context["today"]) if s.result is not None
    ]
    context["has_document_name"] = bool(member_name_for_documents(member))
    return render(request, "ce/transcript.html", context)


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
    member = signed_in_member(request.user)
    raw = request.GET.get("credential", "")
    if raw and not raw.isdigit():
        messages.error(request, "Choose one of your credentials, or the whole transcript.")
        return redirect("ce:transcript")
    scope = transcript_scope_for_member(
        member, held_id=int(raw) if raw else None, today=timezone.localdate()
    )
    content = exports.transcript_pdf(
        scope=scope, fallback_name=member.email, generated_on=timezone.localdate()
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ce-transcript.pdf"'
    return response


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
