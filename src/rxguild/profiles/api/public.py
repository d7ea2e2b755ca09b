"""Another member's profile, as the caller may see it (anonymous callers allowed)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from rxguild.api.auth import AUTH
from rxguild.profiles import selectors
from rxguild.profiles.api.router import router
from rxguild.profiles.api.schemas import PublicProfileOut
from rxguild.profiles.selectors import ProfileView


def _anyone(request: HttpRequest) -> bool:
    # Last in the chain: a caller with no (valid) token or session is served as anonymous.
    return True


OPTIONAL_AUTH = [*AUTH, _anyone]


# --- another member's profile ----------------------------------------------------------


@router.get("/{handle}", response=PublicProfileOut, auth=OPTIONAL_AUTH)
def profile_for_caller(request: HttpRequest, handle: str) -> ProfileView:
    """An old handle answers with the profile under its current handle (the `handle` field),
    for a caller who may see it; otherwise 404 like any unknown handle."""
    try:
        view = selectors.profile_get_for_viewer(request.user, handle)
    except Http404:
        current = selectors.handle_renamed_to(request.user, handle)
        if current is None:
            raise
        view = selectors.profile_get_for_viewer(request.user, current)
    return view
