"""Badges this instance issues: the member's issue and revoke actions, and the public pages
anyone verifying a badge reads (its page, its JSON, the issuer, its keys, the status list)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.core.forms import service_error_text
from rxguild.wallet import access, keys, services
from rxguild.wallet.issued import issued_badge_check
from rxguild.wallet.services.issuing import issuer_profile, status_list_jwt

VC_JWT = "application/vc+jwt"


@login_required
@require_POST
def badge_issue(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request.user)
    try:
        source_id = int(request.POST.get("source_id", ""))
        badge = services.badge_issue(
            member=member, kind=request.POST.get("kind", ""), source_id=source_id
        )
    except ValueError:
        messages.error(request, "Choose something to turn into a badge.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, f"Issued “{badge.achievement_name}”. Share its link below.")
    return redirect("wallet:home")


@login_required
@require_POST
def badge_revoke(request: HttpRequest, badge_id: int) -> HttpResponse:
    member = signed_in_member(request.user)
    badge = access.issued_badge_get_for_owner(member, badge_id)
    try:
        services.badge_revoke(actor=member, badge=badge, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(request, f"Revoked “{badge.achievement_name}”.")
    return redirect("wallet:home")


@require_GET
def badge_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    badge = access.issued_badge_get_public(public_id)
    check = issued_badge_check(badge)
    holder = badge.member.get_full_name() or "a member"
    return render(request, "wallet/badge.html", {"badge": badge, "check": check, "holder": holder})


@require_GET
def badge_json(request: HttpRequest, public_id: UUID) -> JsonResponse:
    badge = access.issued_badge_get_public(public_id)
    check = issued_badge_check(badge)
    return JsonResponse(
        {
            "credential": check.credential,
            "vc_jwt": badge.credential_jwt,
            "verification": {"state": check.state, "detail": check.detail},
        },
        json_dumps_params={"indent": 1},
    )


@require_GET
def badge_jwt(request: HttpRequest, public_id: UUID) -> HttpResponse:
    badge = access.issued_badge_get_public(public_id)
    return HttpResponse(badge.credential_jwt, content_type=VC_JWT)


@require_GET
@cache_control(public=True, max_age=3600)
def issuer(request: HttpRequest) -> JsonResponse:
    return JsonResponse(issuer_profile())


@require_GET
@cache_control(public=True, max_age=300)
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(keys.jwks())


@require_GET
@cache_control(public=True, max_age=60)
def status_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status_list_jwt(), content_type=VC_JWT)
