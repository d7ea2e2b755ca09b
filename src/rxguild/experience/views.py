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
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.core.ratelimit import RateLimited
from rxguild.core.signed_links import LinkError, LinkExpired, LinkUsed, token_page
from rxguild.experience import access, selectors, services
from rxguild.experience.forms import EntryForm, VerificationRequestForm, VerifierResponseForm
from rxguild.experience.models import VerificationStatus
from rxguild.experience.services.verification import verification_for_token


@login_required
def ledger_home(request: HttpRequest) -> HttpResponse:
    entries = list(selectors.entries_for_owner(request.user))
    rows = selectors.entry_rows(entries)
    return render(
        request,
        "experience/home.html",
        {
            "rows": rows,
            "summary": selectors.ledger_summary(entries),
            "verified_summary": selectors.ledger_summary(
                [row.entry for row in rows if row.verified]
            ),
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


# --- Verification: the member's side ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def verification_request(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.entry_get_for_owner(request.user, entry_id)
    form = VerificationRequestForm(request.POST or None, initial={"verifier_site": entry.site_name})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            verification = services.experience_verification_request(
                entry=entry, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request,
                f"Sent to {verification.verifier_name} ({verification.verifier_email}). "
                "The link works once, for 14 days.",
            )
            return redirect(f"{reverse('experience:home')}#entry-{entry.pk}")
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "experience/verification_request.html",
        {"form": form, "entry": entry},
        status=status,
    )


def _owner_verification_action(
    request: HttpRequest, verification_id: int, action: str
) -> HttpResponse:
    verification = access.verification_get_for_owner(request.user, verification_id)
    try:
        if action == "withdraw":
            services.experience_verification_withdraw(verification=verification)
            messages.success(request, "Request withdrawn: its link no longer works.")
        elif action == "accept":
            services.experience_correction_accept(verification=verification)
            messages.success(request, "Correction accepted: your entry is updated and verified.")
        else:
            services.experience_correction_reject(verification=verification)
            messages.info(request, "Correction not accepted: your entry is unchanged.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect(f"{reverse('experience:home')}#entry-{verification.entry_id}")


@login_required
@require_POST
def verification_withdraw(request: HttpRequest, verification_id: int) -> HttpResponse:
    return _owner_verification_action(request, verification_id, "withdraw")


@login_required
@require_POST
def correction_accept(request: HttpRequest, verification_id: int) -> HttpResponse:
    return _owner_verification_action(request, verification_id, "accept")


@login_required
@require_POST
def correction_reject(request: HttpRequest, verification_id: int) -> HttpResponse:
    return _owner_verification_action(request, verification_id, "reject")


# --- Verification: the verifier's side (no account; the signed link is the key) -----------


def _link_error_page(request: HttpRequest, error: LinkError) -> HttpResponse:
    status = 410 if isinstance(error, (LinkExpired, LinkUsed)) else 400
    return render(request, "experience/verify_error.html", {"message": str(error)}, status=status)


@token_page
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        verification = verification_for_token(token)
    except LinkError as error:
        return _link_error_page(request, error)
    claim = verification.claim
    form = VerifierResponseForm(
        request.POST or None,
        claim=claim,
        initial=VerifierResponseForm.initial_for(claim, verification),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answered = services.experience_verification_respond(
                token=token,
                decision=data["decision"],
                verifier_name=data["verifier_name"],
                verifier_role=data["verifier_role"],
                verifier_site=data["verifier_site"],
                comment=data["comment"],
                corrected=form.corrected(),
            )
        except LinkError as error:
            return _link_error_page(request, error)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return render(
                request,
                "experience/verify_done.html",
                {
                    "verification": answered,
                    "confirmed": answered.status == VerificationStatus.CONFIRMED,
                },
            )
    return render(
        request,
        "experience/verify.html",
        {"verification": verification, "claim": claim, "form": form},
        status=400 if form.errors else 200,
    )
