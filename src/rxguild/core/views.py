from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.calendar_grid import MonthParamError, month_of, month_parse
from rxguild.core.calendar_ics import calendar_items_ics
from rxguild.core.calendar_page import calendar_page_for
from rxguild.core.dashboard import dashboard_for
from rxguild.core.home import HORIZON_DAYS, calendar_items_for, feed_member_for

# The feed reaches back a quarter (what just happened stays visible in calendar apps).
FEED_PAST_DAYS = 92


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "core/dashboard.html",
        {"dashboard": dashboard_for(signed_in_member(request.user), today=today)},
    )


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    error = ""
    try:
        month = month_parse(request.GET.get("month"), today=today)
    except MonthParamError as problem:
        error, month = str(problem), month_of(today)
    view = "agenda" if request.GET.get("view") == "agenda" else "month"
    page = calendar_page_for(
        signed_in_member(request.user),
        month=month,
        today=today,
        base_url=f"{request.scheme}://{request.get_host()}",
    )
    return render(
        request,
        "core/calendar.html",
        {"page": page, "view": view, "error": error, "today": today},
        status=400 if error else 200,
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar apps cannot sign in. The long random token is the credential."""
    member = feed_member_for(token)
    if member is None:
        raise Http404
    today = timezone.localdate()
    items = calendar_items_for(
        member,
        start=today - timedelta(days=FEED_PAST_DAYS),
        end=today + timedelta(days=HORIZON_DAYS),
    )
    body = calendar_items_ics(
        items,
        uid_domain=request.get_host().split(":")[0],
        member_id=member.pk,
        base_url=f"{request.scheme}://{request.get_host()}",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
