"""Open Badges 3.0 / W3C Verifiable Credentials signed as VC-JWT, from anyone (pure).

The signature is only worth the key behind it, so the key must come from the issuer itself:
- a badge from this instance: our own public keys by kid (`own_key`);
- a `did:jwk` issuer: the key *is* the issuer's identifier (the JWT's kid names it);
- an https issuer: a kid that is a URL on the issuer's own host, serving a JWK or a JWKS.
A key merely embedded in the JWT header proves nothing about who signed it and is not used.
Revocation: each `BitstringStatusListEntry` is checked in its status list (ours locally; others
fetched, signature-checked when the list is a JWT, and only from the issuer's own host).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, OKPKey, RSAKey, import_key
from joserfc.jws import extract_compact

from rxguild.wallet import statuslist
from rxguild.wallet.errors import BadgeRefused, BadgeRevoked
from rxguild.wallet.fetch import Fetcher
from rxguild.wallet.imported import VerifiedBadge
from rxguild.wallet.vc import (
    PublicKey,
    achievement_of,
    recipient_is,
    unverified_header,
    vc_jwt_verify,
)

OwnKey = Callable[[str, Mapping[str, Any]], PublicKey | None]  # (issuer id, header)
OwnStatus = Callable[[str, int], bool | None]  # (list url, index) -> revoked, None if not ours


def _unverified_payload(token: str) -> dict[str, Any]:
    try:
        payload = json.loads(extract_compact(token.encode("ascii")).payload)
    except (JoseError, ValueError, UnicodeError):
        raise BadgeRefused("This is not a readable JWT.") from None
    if not isinstance(payload, dict):
        raise BadgeRefused("This is not a readable JWT.")
    return dict(payload["vc"]) if isinstance(payload.get("vc"), Mapping) else payload


def _issuer_id(credential: Mapping[str, Any]) -> str:
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if not isinstance(issuer_id, str) or not issuer_id:
        raise BadgeRefused("The credential names no issuer.")
    return issuer_id


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _as_key(data: object) -> PublicKey:
    if not isinstance(data, dict):
        raise BadgeRefused("The issuer's key cannot be read.")
    try:
        key = import_key(data)
    except (JoseError, ValueError, TypeError):
        raise BadgeRefused("The issuer's key cannot be read.") from None
    # A shared secret ("oct") would let anyone holding it forge badges.
    if not isinstance(key, ECKey | RSAKey | OKPKey):
        raise BadgeRefused("The issuer's key is not a public signing key.")
    if key.is_private:
        raise BadgeRefused("The issuer publishes a private key; the badge cannot be trusted.")
    return key


def _did_jwk(did: str) -> PublicKey:
    encoded = did.removeprefix("did:jwk:").split("#", 1)[0]
    try:
        jwk = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise BadgeRefused("The issuer's did:jwk cannot be read.") from None
    return _as_key(jwk)


def _key_finder(
    issuer_id: str, *, fetch: Fetcher, own_key: OwnKey
) -> Callable[[dict[str, Any]], PublicKey]:
    def find(header: dict[str, Any]) -> PublicKey:
        own = own_key(issuer_id, header)
        if own is not None:
            return own
        kid = header.get("kid")
        if issuer_id.startswith("did:jwk:"):
            if isinstance(kid, str) and kid.split("#", 1)[0] != issuer_id:
                raise BadgeRefused("The badge is signed with a key that is not its issuer's.")
            return _did_jwk(issuer_id)
        # http only where the fetcher allows it (tests on loopback); production fetches https.
        web = ("https://", "http://")
        if isinstance(kid, str) and issuer_id.startswith(web) and kid.startswith(web):
            if _origin(kid) != _origin(issuer_id):
                raise BadgeRefused("The badge's key is not hosted by its issuer.")
            fetched = fetch(kid.split("#", 1)[0])
            if fetched.status != 200:
                raise BadgeRefused(
                    f"The issuer's key could not be fetched (HTTP {fetched.status})."
                )
            try:
                data = json.loads(fetched.body)
            except (ValueError, UnicodeDecodeError):
                raise BadgeRefused("The issuer's key is not JSON.") from None
            if isinstance(data, dict) and isinstance(data.get("keys"), list):
                fragment = kid.split("#", 1)[1] if "#" in kid else None
                try:
                    keys = KeySet.import_key_set(data)  # type: ignore[arg-type]  # JSON object
                except (JoseError, ValueError, TypeError):
                    raise BadgeRefused("The issuer's keys cannot be read.") from None
                for key in keys.keys:
                    if fragment is None or key.kid in (fragment, kid):
                        return _as_key(key.as_dict(private=False))
                raise BadgeRefused("The issuer publishes no key with the badge's key id.")
            return _as_key(data)
        raise BadgeRefused(
            "The badge's signing key cannot be traced to its issuer (no issuer-hosted key id "
            "or did:jwk), so its signature proves nothing."
        )

    return find


def _status_revoked(
    entry: Mapping[str, Any],
    *,
    issuer_id: str,
    fetch: Fetcher,
    own_key: OwnKey,
    own_status: OwnStatus,
    now: datetime,
) -> bool:
    if entry.get("type") != "BitstringStatusListEntry":
        raise BadgeRefused(
            f"The badge's revocation status ({entry.get('type')}) cannot be checked here."
        )
    list_url = entry.get("statusListCredential")
    try:
        index = int(entry.get("statusListIndex", ""))
    except (TypeError, ValueError):
        raise BadgeRefused("The badge's status entry has no index.") from None
    if not isinstance(list_url, str):
        raise BadgeRefused("The badge's status entry names no list.")
    ours = own_status(list_url, index)
    if ours is not None:
        return ours
    if _origin(list_url) != _origin(issuer_id) and not issuer_id.startswith("did:"):
        raise BadgeRefused("The badge's status list is not hosted by its issuer.")
    fetched = fetch(list_url)
    if fetched.status != 200:
        raise BadgeRefused(f"The badge's status list could not be fetched (HTTP {fetched.status}).")
    text = fetched.body.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        listing = json.loads(text)
        if _origin(list_url) != _origin(issuer_id):
            raise BadgeRefused("An unsigned status list must come from the issuer's own host.")
    else:
        verified = vc_jwt_verify_list(
            text, issuer_id=issuer_id, fetch=fetch, own_key=own_key, now=now
        )
        listing = verified
    subject = listing.get("credentialSubject") or {}
    encoded = subject.get("encodedList") if isinstance(subject, Mapping) else None
    if not isinstance(encoded, str):
        raise BadgeRefused("The badge's status list cannot be read.")
    try:
        return statuslist.is_set(statuslist.decode(encoded), index)
    except statuslist.StatusListError as error:
        raise BadgeRefused(f"The badge's status list cannot be read: {error}") from None


def vc_jwt_verify_list(
    token: str, *, issuer_id: str, fetch: Fetcher, own_key: OwnKey, now: datetime
) -> dict[str, Any]:
    from joserfc import jwt

    header = unverified_header(token)
    key = _key_finder(issuer_id, fetch=fetch, own_key=own_key)(header)
    try:
        decoded = jwt.decode(token, key, algorithms=["ES256", "RS256", "EdDSA", "Ed25519"])
    except JoseError:
        raise BadgeRefused("The badge's status list is not signed by its issuer.") from None
    claims = dict(decoded.claims)
    listing = dict(claims["vc"]) if isinstance(claims.get("vc"), Mapping) else claims
    if _issuer_id(listing) != issuer_id:
        raise BadgeRefused("The badge's status list comes from another issuer.")
    return listing


def ob3_verify(
    token: str,
    *,
    fetch: Fetcher,
    emails: list[str],
    now: datetime,
    own_key: OwnKey,
    own_status: OwnStatus,
) -> VerifiedBadge:
    issuer_id = _issuer_id(_unverified_payload(token))
    verified = vc_jwt_verify(
        token, key_for=_key_finder(issuer_id, fetch=fetch, own_key=own_key), now=now
    )
    credential = verified.credential
    if not recipient_is(credential, emails):
        raise BadgeRefused(
            "This badge was issued to someone else: its recipient is not your email address."
        )
    statuses = credential.get("credentialStatus") or []
    for entry in [statuses] if isinstance(statuses, Mapping) else statuses:
        if not isinstance(entry, Mapping):
            continue
        if entry.get("statusPurpose") not in ("revocation", "suspension"):
            continue
        if _status_revoked(
            entry,
            issuer_id=issuer_id,
            fetch=fetch,
            own_key=own_key,
            own_status=own_status,
            now=now,
        ):
            word = "revoked" if entry.get("statusPurpose") == "revocation" else "suspended"
            raise BadgeRevoked(f"The issuer {word} this badge.")
    badge_id = credential.get("id") or credential.get("jti")
    if not isinstance(badge_id, str) or not badge_id:
        raise BadgeRefused("The badge has no id, so it cannot be told apart from a copy.")
    achievement = achievement_of(credential)
    return VerifiedBadge(
        spec="ob3",
        badge_id=badge_id,
        name=str(achievement.get("name") or credential.get("name") or "Badge")[:300],
        description=str(achievement.get("description") or "")[:2000],
        issuer_name=verified.issuer_name[:200],
        issuer_id=issuer_id[:500],
        issued_at=verified.valid_from,
        expires_at=verified.valid_until,
        document=credential,
        vc_jwt=token,
    )
