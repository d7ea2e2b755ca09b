"""Your data: ask for an export and download it; delete your account; cancel a deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.data_services import (
    EXPORT_DAYS,
    AccountDataError,
    deletion_cancel,
    deletion_request,
    export_for_download,
    export_request,
    grace_days,
)
from rxguild.accounts.forms import AccountDeleteForm
from rxguild.accounts.models import DataExport, User
from rxguild.core.signed_links import LinkError, token_page


def _member(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def _page(request: HttpRequest, form: AccountDeleteForm, status: int = 200) -> HttpResponse:
    user = _member(request)
    response = render(
        request,
        "accounts/data.html",
        {
            "exports": DataExport.objects.filter(user=user)[:5],
            "form": form,
            "grace_days": grace_days(),
            "export_days": EXPORT_DAYS,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


@login_required
def data_page(request: HttpRequest) -> HttpResponse:
    return _page(request, AccountDeleteForm())


@login_required
@require_POST
def export_request_view(request: HttpRequest) -> HttpResponse:
    export = export_request(user=_member(request))
    if export.status == DataExport.Status.READY:
        messages.success(request, "Your export is ready below. We also emailed you.")
    else:
        messages.success(
            request, "Your export is being built. Reload this page to see its progress."
        )
    return redirect("accounts:data")


@login_required
def export_download(request: HttpRequest, export_id: int) -> HttpResponse | FileResponse:
    try:
        export = export_for_download(user=_member(request), export_id=export_id)
    except DataExport.DoesNotExist as error:
        raise Http404 from error
    except AccountDataError as error:
        messages.error(request, str(error))
        return redirect("accounts:data")
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"rxguild-data-{export.finished_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    try:
        deletion = deletion_request(user=_member(request), password=form.cleaned_data["password"])
    except AccountDataError as error:
        form.add_error("password", str(error))
        return _page(request, form, status=422)
    logout(request)
    return render(request, "accounts/deleted.html", {"deletion": deletion})


@token_page
@require_http_methods(["GET", "POST"])
def deletion_cancel_view(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/deletion_cancel.html", {"token": token})
    try:
        deletion_cancel(token=token)
    except LinkError as error:
        return render(request, "accounts/deletion_cancel.html", {"error": str(error)}, status=400)
    messages.success(request, "Your account is kept. Sign in as before.")
    return redirect("account_login")
