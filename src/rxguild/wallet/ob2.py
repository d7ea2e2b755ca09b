"""Open Badges 2.0 hosted assertions, as Credly issues them for PTCB (pure: no Django).

Hosted verification (OB 2.0 §Verification): the assertion's `id` is the URL where the issuer
hosts it. We fetch that URL and use what the issuer serves, never the copy the member gave us
(which must match it exactly, or it was edited); then the badge class and the issuer, each by
its URL. The assertion's host must be the issuer's own (or one the issuer lists in
`verification.allowedOrigins`), so nobody can host a badge "from" PTCB on their own site.
Revoked (`revoked: true`, the issuer's revocation list, or a hosted URL that is gone) and
expired badges are refused, and so is one whose recipient is not the member: the recipient's
identity is `sha256$hex(email + salt)` (or a plain email when `hashed` is false).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from rxguild.wallet.errors import BadgeRefused, BadgeRevoked
from rxguild.wallet.fetch import Fetcher
from rxguild.wallet.imported import VerifiedBadge, fetch_json
from rxguild.wallet.vc import identity_matches, parse_time


def _types(node: Mapping[str, Any]) -> list[str]:
    value = node.get("type") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _node(value: Any, fetch: Fetcher, *, what: str) -> dict[str, Any]:
    if isinstance(value, str):
        return fetch_json(fetch, value, what=what)
    if isinstance(value, Mapping):
        return dict(value)
    raise BadgeRefused(f"The badge has no {what}.")


def ob2_verify(
    provided: Mapping[str, Any] | str, *, fetch: Fetcher, emails: list[str], now: datetime
) -> VerifiedBadge:
    """`provided` is the assertion JSON the member gave, or its hosted URL."""
    if isinstance(provided, str):
        url = provided
        assertion = fetch_json(fetch, url, what="badge")
    else:
        url = str(provided.get("id") or "")
        if not url.startswith(("https://", "http://")):
            raise BadgeRefused("The badge has no hosted address to check it against.")
        assertion = fetch_json(fetch, url, what="badge")
        if _canonical(assertion) != _canonical(dict(provided)):
            raise BadgeRefused(
                "This badge differs from the one its issuer hosts: it was changed after it "
                "was issued."
            )
    if "Assertion" not in _types(assertion):
        raise BadgeRefused("This is not an Open Badges 2.0 assertion.")
    badge_id = assertion.get("id")
    if not isinstance(badge_id, str) or _origin(badge_id) != _origin(url):
        raise BadgeRefused("The badge's own address is not where it was fetched from.")
    verification = assertion.get("verification") or {}
    kind = verification.get("type", "hosted") if isinstance(verification, Mapping) else "hosted"
    if str(kind).lower() not in ("hosted", "hostedbadge"):
        raise BadgeRefused(
            "Signed Open Badges 2.0 badges cannot be checked here yet; import the badge's "
            "hosted link instead."
        )
    if assertion.get("revoked"):
        reason = assertion.get("revocationReason") or "no reason given"
        raise BadgeRevoked(f"The issuer revoked this badge ({reason}).")
    expires = parse_time(assertion.get("expires"))
    if expires is not None and expires <= now:
        raise BadgeRefused(f"The badge expired on {expires:%b} {expires.day}, {expires.year}.")
    recipient = assertion.get("recipient")
    if not isinstance(recipient, Mapping) or recipient.get("type") != "email":
        raise BadgeRefused("The badge does not name its recipient by email.")
    if not identity_matches(
        str(recipient.get("identity", "")),
        salt=str(recipient.get("salt") or ""),
        hashed=bool(recipient.get("hashed")),
        emails=emails,
    ):
        raise BadgeRefused(
            "This badge was issued to someone else: its recipient is not your email address."
        )
    badge_class = _node(assertion.get("badge"), fetch, what="badge class")
    issuer = _node(badge_class.get("issuer"), fetch, what="issuer")
    issuer_id = str(issuer.get("id") or "")
    allowed = {_origin(issuer_id)} if issuer_id else set()
    issuer_verification = issuer.get("verification")
    if isinstance(issuer_verification, Mapping):
        origins = issuer_verification.get("allowedOrigins") or []
        origins = [origins] if isinstance(origins, str) else origins
        allowed |= {f"https://{o}".lower() if "://" not in o else _origin(o) for o in origins}
    if _origin(badge_id) not in allowed:
        raise BadgeRefused(
            "The badge is hosted on a site its issuer does not name: it is not the issuer's."
        )
    revocation_list = issuer.get("revocationList")
    if isinstance(revocation_list, str):
        listing = fetch_json(fetch, revocation_list, what="revocation list")
        for entry in listing.get("revokedAssertions") or []:
            revoked_id = entry.get("id") if isinstance(entry, Mapping) else entry
            if revoked_id == badge_id:
                raise BadgeRevoked("The issuer's revocation list names this badge.")
    return VerifiedBadge(
        spec="ob2",
        badge_id=badge_id,
        name=str(badge_class.get("name") or "Badge")[:300],
        description=str(badge_class.get("description") or "")[:2000],
        issuer_name=str(issuer.get("name") or issuer_id)[:200],
        issuer_id=issuer_id[:500],
        issued_at=parse_time(assertion.get("issuedOn")),
        expires_at=expires,
        document=assertion,
    )
