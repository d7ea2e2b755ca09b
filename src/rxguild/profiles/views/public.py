"""The public page /p/<handle>/ and its photo. An old handle redirects to the current one,
but only for a viewer who may see the profile (otherwise it is the same 404 as any)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from rxguild.experience.selectors import verified_experience_for_profile
from rxguild.growth.access import recommendations_for_profile
from rxguild.profiles import selectors


def _renamed(request: HttpRequest, handle: str, url_name: str) -> HttpResponse:
    current = selectors.handle_renamed_to(request.user, handle)
    if current is None:
        raise Http404("No such profile.")
    return redirect(reverse(url_name, args=[current]), permanent=True)


@require_GET
def public_profile(request: HttpRequest, handle: str) -> HttpResponse:
    try:
        view = selectors.profile_get_for_viewer(request.user, handle)
    except Http404:
        return _renamed(request, handle, "profiles_public:detail")
    # Verified experience is the experience app's; it shows only what this view allows.
    response = render(
        request,
        "profiles/public.html",
        {
            "view": view,
            "verified_experience": verified_experience_for_profile(view),
            # Approved recommendations are growth's; it applies blocks on top of this view.
            "recommendations": recommendations_for_profile(request.user, view.profile.user),
        },
    )
    if not view.is_public:
        # Member-only views must not end up in search engines.
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def profile_photo(request: HttpRequest, handle: str) -> HttpResponseBase:
    """Photos are never in a served folder: this view checks the photo's audience."""
    try:
        view = selectors.profile_get_for_viewer(request.user, handle)
    except Http404:
        return _renamed(request, handle, "profiles_public:photo")
    if view.photo_url is None:
        raise Http404("No photo.")
    photo = view.profile.photo
    response = FileResponse(photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response
