"""Account pages of our own: the settings hub and personal access tokens. allauth serves the
rest (sign-up, log-in, email, password, MFA, sessions) with templates overridden here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from rxguild.accounts.forms import TokenCreateForm
from rxguild.accounts.models import User
from rxguild.accounts.selectors import token_list_for_owner
from rxguild.accounts.tokens import MAX_ACTIVE_TOKENS, TokenError, token_create, token_revoke


def _member(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    return render(request, "accounts/settings.html", {"role_names": user.role_names})


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = TokenCreateForm(request.POST or None)
    new_secret: str | None = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token = token_create(
                user=user,
                name=form.cleaned_data["name"],
                scopes=form.scopes(),
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except TokenError as error:
            form.add_error(None, str(error))
        else:
            # Rendered, not redirected: the secret exists only in this one response.
            new_secret = new_token.secret
            form = TokenCreateForm()
    response = render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": token_list_for_owner(owner=user),
            "new_secret": new_secret,
            "max_tokens": MAX_ACTIVE_TOKENS,
        },
        status=422 if form.errors else 200,
    )
    add_never_cache_headers(response)  # no copy of a secret in any cache
    return response


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = token_revoke(user=_member(request), token_id=token_id)
    messages.success(request, f"Token “{token.name}” revoked. Anything using it is now refused.")
    return redirect("accounts:tokens")
