"""Attaching verification links to a job application (from the application's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import service_error_text
from rxguild.tracker.access import application_get_for_member
from rxguild.wallet import access, services


@login_required
@require_POST
def proof_attach(request: HttpRequest, application_id: int) -> HttpResponse:
    member = signed_in_member(request.user)
    application = application_get_for_member(member, application_id)
    try:
        services.application_proof_attach(
            member=member, application=application, badge_ref=request.POST.get("badge", "")
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, "Attached. The employer sees it with your application.")
    return redirect("tracker:detail", application_id=application.pk)


@login_required
@require_POST
def proof_detach(request: HttpRequest, proof_id: int) -> HttpResponse:
    member = signed_in_member(request.user)
    proof = access.application_proof_get_for_owner(member, proof_id)
    services.application_proof_detach(member=member, proof=proof)
    messages.success(request, "Removed the link from the application.")
    return redirect("tracker:detail", application_id=proof.application_id)
