"""Personal access tokens: created and revoked by their owner, stored only as a digest.

A token reads `rxg_<prefix>_<secret>`. The prefix lets a member recognise a token in the list;
the SHA-256 of the whole string is what is stored and compared. SHA-256 (not a slow hash) is
right here: the secret is 32 random bytes, so there is nothing to brute-force.

A token carries scopes (read or write, for every API area or for some) and always expires
(90 days unless its owner picks another term, a year at most). It never manages tokens
(see `token_may_call`), and changing or resetting the password revokes all of the owner's
tokens (`tokens_revoke_all`, called by the account adapter).
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
DEFAULT_EXPIRY_DAYS = 90
MAX_EXPIRY_DAYS = 366
# The API's areas: the first path segment under /api/v1/ (rxguild.api.main mounts one router
# per area; a test checks the two lists agree).
API_AREAS = (
    "accounts", "catalog", "ce", "community", "experience", "growth", "jobs", "mentoring",
    "profiles", "resumes", "roadmap", "skills", "wallet",
)  # fmt: skip
SCOPES = (
    "read",
    "write",
    *(f"{area}:{level}" for area in API_AREAS for level in ("read", "write")),
)
# Paths no token may call, whatever its scopes: a leaked token must not mint or keep others.
TOKENLESS_PATHS = ("/api/v1/accounts/tokens",)
# A member's whole data and their account's deletion: a leaked token must reach neither.
SESSION_ONLY_PATHS = ("/api/v1/accounts/data",)
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


def scopes_clean(scopes: list[str] | tuple[str, ...]) -> list[str]:
    """The scopes, checked and in a stable order, or TokenError naming the unknown ones."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise TokenError(f"Unknown scopes: {', '.join(unknown)}. Use read, write, or e.g. ce:read.")
    if not scopes:
        raise TokenError("Choose what the token may do: read, write, or both for some areas.")
    return [scope for scope in SCOPES if scope in scopes]


def token_may_call(scopes: list[str], *, path: str, method: str) -> str | None:
    """None if a token with these scopes may make this request, else the reason it may not."""
    if path.startswith(TOKENLESS_PATHS):
        return (
            "Tokens cannot list, create or revoke tokens: manage them signed in, "
            "at /account/tokens/."
        )
    if path.startswith(SESSION_ONLY_PATHS):
        return "Tokens cannot export your data or delete your account: do it signed in."
    area = path.removeprefix("/api/v1/").split("/", 1)[0]
    writes = method.upper() not in ("GET", "HEAD", "OPTIONS")
    wanted = ("write",) if writes else ("read", "write")
    if any(level in scopes or f"{area}:{level}" in scopes for level in wanted):
        return None
    return (
        f"This token may not {'change' if writes else 'read'} {area}: its scopes are "
        + (", ".join(scopes) or "none")
        + "."
    )


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str,
    scopes: list[str] | tuple[str, ...] = ("read",),
    expires_in_days: int = DEFAULT_EXPIRY_DAYS,
) -> NewToken:
    name = name.strip()
    if not name:
        raise TokenError("Give the token a name, so you can recognise it later.")
    if len(name) > 80:
        raise TokenError("Keep the token name to 80 characters or fewer.")
    if not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise TokenError(f"A token can expire in 1 to {MAX_EXPIRY_DAYS} days.")
    checked_scopes = scopes_clean(scopes)
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
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        token_hash=_digest(raw),
        expires_at=now + timedelta(days=expires_in_days),
        scopes=checked_scopes,
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


@transaction.atomic
def tokens_revoke_all(*, user: User) -> int:
    """Revoke every live token of the user (their password changed); returns how many."""
    return PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def token_authenticate(raw: str) -> PersonalAccessToken | None:
    """The token (its user loaded) for a bearer string, or None for a malformed, unknown,
    revoked or expired token (or an inactive user). Looked up by digest, so timing says
    nothing about the secret."""
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
    return token
