"""Personal access tokens: created and revoked by their owner, stored only as a digest.

A token reads `rxg_<prefix>_<secret>`. The prefix lets a member recognise a token in the list;
the SHA-256 of the whole string is what is stored and compared. SHA-256 (not a slow hash) is
right here: the secret is 32 random bytes, so there is nothing to brute-force.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rxguild.accounts.models import PersonalAccessToken, User
from rxguild.accounts.selectors import token_get_for_owner

TOKEN_PREFIX = "rxg"  # noqa: S105  # a public marker, not a secret
MAX_ACTIVE_TOKENS = 20
# Touching last_used_at on every request would make every API call a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    token: PersonalAccessToken
    secret: str  # shown once to the member, never stored


class TokenError(ValueError):
    pass


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, expires_in_days: int | None = None) -> NewToken:
    name = name.strip()
    if not name:
        raise TokenError("Give the token a name, so you can recognise it later.")
    if len(name) > 80:
        raise TokenError("Keep the token name to 80 characters or fewer.")
    if expires_in_days is not None and not 1 <= expires_in_days <= 366:
        raise TokenError("A token can expire in 1 to 366 days, or never.")
    now = timezone.now()
    # Expired tokens no longer count against the limit; they stay listed for the record.
    active = (
        PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .count()
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise TokenError(f"You already have {MAX_ACTIVE_TOKENS} tokens; revoke one first.")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = now + timedelta(days=expires_in_days) if expires_in_days else None
    token = PersonalAccessToken.objects.create(
        user=user, name=name, prefix=prefix, token_hash=_digest(raw), expires_at=expires_at
    )
    return NewToken(token=token, secret=raw)


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> PersonalAccessToken:
    """Revoke one of the user's own tokens. Another member's token id is 'not found' (Http404),
    and that token is left untouched."""
    token_get_for_owner(owner=user, token_id=token_id)
    token = PersonalAccessToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> User | None:
    """The user a bearer token belongs to, or None for a malformed, unknown, revoked or
    expired token (or an inactive user). Looked up by digest, so timing says nothing about
    the secret."""
    if not raw.startswith(f"{TOKEN_PREFIX}_") or len(raw) > 200:
        return None
    token = (
        PersonalAccessToken.objects.select_related("user").filter(token_hash=_digest(raw)).first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
