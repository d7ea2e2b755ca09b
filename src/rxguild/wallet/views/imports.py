"""Importing a digital badge into the wallet, and removing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import form_add_service_errors
from rxguild.wallet import access, services
from rxguild.wallet.forms import BadgeImportForm


@login_required
@require_http_methods(["GET", "POST"])
def badge_import(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request.user)
    form = BadgeImportForm(request.POST or None, request.FILES or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            badge = services.badge_import(
                member=member,
                text=form.cleaned_data["badge"] or "",
                upload=form.cleaned_data["image"],
                credential_held=form.cleaned_data["credential_held"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, f"Verified and added “{badge.name}” from {badge.issuer_name}."
            )
            return redirect("wallet:home")
    return render(request, "wallet/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def imported_badge_delete(request: HttpRequest, badge_id: int) -> HttpResponse:
    member = signed_in_member(request.user)
    badge = access.imported_badge_get_for_owner(member, badge_id)
    services.imported_badge_delete(member=member, badge=badge)
    messages.success(request, f"Removed “{badge.name}”.")
    return redirect("wallet:home")
