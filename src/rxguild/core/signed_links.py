"""Links emailed to people without accounts: signed, single-use and expiring.

A supervisor asked for feedback or a preceptor asked to verify hours has no account, so the
link itself is the credential. Three properties make that safe:

- **Signed**: the token is Django's TimestampSigner over the owning row's id and a random
  nonce, salted per purpose, so a feedback token can never open a verification page.
- **Expiring**: `link_read` refuses a token older than the caller's `max_age`.
- **Single-use**: the owning row stores only `link_digest(token)` (never the token, so a
  database leak opens nothing) and a "used at" time. The service that acts on the link locks
  the row, checks `link_matches` and that it is unused, and marks it used in the same
  transaction. Issuing a new link replaces the digest, which revokes the old one.

Pages reached by such a link are wrapped in `token_page`: no caching, and a Referer only to
RxGuild itself ("same-origin"), so the token never leaks to a third-party site the page links
to. Not "no-referrer": under it browsers send `Origin: null` with the page's own form POST, and
Django's CSRF check refuses it, so nobody could ever submit the form.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache

SALT_PREFIX = "rxguild.signed-link."


class LinkError(Exception):
    """A link that cannot be used; the message is safe to show to the person who opened it."""


class LinkInvalid(LinkError):
    pass


class LinkExpired(LinkError):
    pass


class LinkUsed(LinkError):
    pass


@dataclass(frozen=True)
class IssuedLink:
    token: str  # goes into the emailed URL, never into the database
    digest: str  # stored on the owning row


def link_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_issue(*, purpose: str, object_id: int) -> IssuedLink:
    signer = signing.TimestampSigner(salt=SALT_PREFIX + purpose)
    token = signer.sign_object({"id": object_id, "n": secrets.token_urlsafe(12)})
    return IssuedLink(token=token, digest=link_digest(token))


def link_read(token: str, *, purpose: str, max_age: timedelta) -> int:
    """The owning row's id, or LinkInvalid / LinkExpired with a message for the page."""
    signer = signing.TimestampSigner(salt=SALT_PREFIX + purpose)
    try:
        payload = signer.unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired(
            "This link has expired. Ask the person who sent it for a new one."
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid("This link is not valid. Check that it was copied whole.") from exc
    object_id = payload.get("id") if isinstance(payload, dict) else None
    if not isinstance(object_id, int) or isinstance(object_id, bool):
        raise LinkInvalid("This link is not valid. Check that it was copied whole.")
    return object_id


def link_matches(stored_digest: str, token: str) -> bool:
    """True when `token` is the newest link issued for the row (an older one was replaced)."""
    return bool(stored_digest) and constant_time_compare(stored_digest, link_digest(token))


def link_check_unused(*, stored_digest: str, token: str, used_at: Any) -> None:
    """Raise unless `token` is the row's current link and has not been used yet."""
    if not link_matches(stored_digest, token):
        raise LinkInvalid("This link has been replaced by a newer one or withdrawn.")
    if used_at is not None:
        raise LinkUsed("This link has already been used. Thank you, nothing more is needed.")


def token_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views opened by a signed link: never cached, and the token never sent to another
    site (see the module's docstring for why "same-origin" and not "no-referrer")."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(wrapped)
