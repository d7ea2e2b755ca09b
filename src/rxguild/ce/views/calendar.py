"""The private calendar feed: its address (rotatable) and the feed itself."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from rxguild.accounts.viewer import signed_in_member
from rxguild.ce import exports, services
from rxguild.ce.models import CPE_MONITOR_CLAIM_DAYS, CalendarFeedToken, CeRecord
from rxguild.ce.selectors import compliance_for_member


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
