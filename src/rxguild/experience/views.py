"""Pages of the experience ledger.

Thin: each view fetches through experience.access (someone else's entry is a 404), calls one
service and renders. Every change is a plain POST that works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors
from rxguild.experience import access, selectors, services
from rxguild.experience.forms import EntryForm


@login_required
def ledger_home(request: HttpRequest) -> HttpResponse:
    entries = list(selectors.entries_for_owner(request.user))
    return render(
        request,
        "experience/home.html",
        {
            "entries": entries,
            "summary": selectors.ledger_summary(entries),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest) -> HttpResponse:
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.experience_entry_add(member=request.user, **form.service_arguments())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Added “{entry}” to your experience.")
            return redirect("experience:home")
    return render(
        request,
        "experience/entry_form.html",
        {"form": form, "entry": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.entry_get_for_owner(request.user, entry_id)
    form = EntryForm(
        request.POST if request.method == "POST" else None, initial=EntryForm.initial_for(entry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_entry_update(entry=entry, **form.service_arguments())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Saved “{entry}”.")
            return redirect("experience:home")
    return render(
        request,
        "experience/entry_form.html",
        {"form": form, "entry": entry},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.entry_get_for_owner(request.user, entry_id)
    label = str(entry)
    services.experience_entry_delete(entry=entry)
    messages.success(request, f"Removed “{label}” from your experience.")
    return redirect("experience:home")
