"""Pages of saved searches and the one-click unsubscribe from an alert email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.jobs.alerts import selectors, sending, services
from rxguild.jobs.alerts.forms import SavedSearchForm


@login_required
@require_http_methods(["GET", "POST"])
def saved_searches(request: HttpRequest) -> HttpResponse:
    initial = {"query_string": request.GET.get("q", "")}
    form = SavedSearchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            search = services.saved_search_create(member=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, f"Saved “{search.name}”. We'll email new matches {search.frequency}."
            )
            return redirect("jobs:saved_searches")
    searches = list(selectors.saved_searches_for_member(request.user))
    for search in searches:
        search.search_url = sending.search_url(search)  # type: ignore[attr-defined]
    return render(
        request,
        "jobs/alerts/saved_searches.html",
        {"form": form, "searches": searches},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def saved_search_update(request: HttpRequest, saved_search_id: int) -> HttpResponse:
    search = selectors.saved_search_get_for_member(request.user, saved_search_id)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            services.saved_search_delete(saved_search=search)
            messages.success(request, f"Deleted “{search.name}”.")
        elif action in ("pause", "resume"):
            services.saved_search_update(saved_search=search, is_active=action == "resume")
            messages.success(request, "Alerts paused." if action == "pause" else "Alerts on.")
        else:
            services.saved_search_update(
                saved_search=search, frequency=request.POST.get("frequency", search.frequency)
            )
            messages.success(request, "Saved.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect("jobs:saved_searches")


@csrf_exempt  # mail clients POST here (RFC 8058) with no session; the signed token decides
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from the email, no login: the signed token is the permission. GET acts
    (the member clicked once); a "turn back on" button undoes a mistaken or scanned click.
    POST serves RFC 8058 one-click unsubscribe from mail clients."""
    search = sending.saved_search_from_token(token)
    if search is None:
        return render(request, "jobs/alerts/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST" and request.POST.get("action") == "resubscribe":
        services.saved_search_update(saved_search=search, is_active=True)
        return render(request, "jobs/alerts/unsubscribe.html", {"search": search, "back": True})
    services.saved_search_unsubscribe(saved_search=search)
    return render(request, "jobs/alerts/unsubscribe.html", {"search": search, "token": token})
