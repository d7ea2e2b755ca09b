"""Open Badges 3.0 credentials as VC-JWT (pure: no Django).

OB 3.0 §8.2 (VC-JWT): the JWT payload *is* the credential, its members at the top level, with
the registered claims `iss` (the issuer's id), `jti` (the credential's id), `sub` (the subject's
id, when it has one) and `nbf`/`exp` mirroring `validFrom`/`validUntil`. The JOSE header names
the key (`kid`) and `alg`. Both the issuer here (services.issuing) and the importer
(badge_import) use this module, so what we issue is read the way we read anyone's.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OKPKey, RSAKey

from rxguild.wallet.errors import BadgeRefused

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# What OB 3.0 lets issuers sign with; "none" and HMAC (a shared secret) are never accepted.
ALGORITHMS = ["ES256", "RS256", "EdDSA", "Ed25519"]
PublicKey = ECKey | RSAKey | OKPKey


def identity_hash(email: str, salt: str) -> str:
    """Open Badges' hashed recipient: "sha256$" + hex(sha256(identity + salt))."""
    return "sha256$" + hashlib.sha256((email + salt).encode("utf-8")).hexdigest()


def identity_matches(identity: str, *, salt: str, hashed: bool, emails: list[str]) -> bool:
    """Whether a badge's recipient identity is one of the member's emails. Issuers differ on
    case (Credly hashes the lowercased address), so the address is tried as typed and lower."""
    candidates = {variant for email in emails for variant in (email, email.lower())}
    if not hashed:
        return identity.lower() in {c.lower() for c in candidates}
    algorithm, _, digest = identity.partition("$")
    if algorithm.lower() != "sha256" or not digest:
        return False
    return any(
        secrets.compare_digest(identity_hash(c, salt).split("$", 1)[1], digest.lower())
        for c in candidates
    )


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadgeRefused(f"The badge has a date that cannot be read: {value[:40]!r}.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria: str


def credential_build(
    *,
    credential_id: str,
    issuer: Mapping[str, Any],
    achievement: Achievement,
    recipient_email: str,
    salt: str,
    valid_from: datetime,
    valid_until: datetime | None,
    status: Mapping[str, Any] | None,
    name: str,
) -> dict[str, Any]:
    """An OpenBadgeCredential for one recipient, identified by a salted email hash (so the
    credential names nobody to whoever reads it without knowing the address)."""
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": dict(issuer),
        "validFrom": iso(valid_from),
        "name": name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(recipient_email.lower(), salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": achievement.id,
                "type": ["Achievement"],
                "name": achievement.name,
                "description": achievement.description,
                "criteria": {"narrative": achievement.criteria},
            },
        },
    }
    if valid_until is not None:
        credential["validUntil"] = iso(valid_until)
    if status is not None:
        credential["credentialStatus"] = dict(status)
    return credential


def vc_jwt_sign(credential: Mapping[str, Any], *, key: ECKey, kid: str) -> str:
    claims = dict(credential)
    issuer = credential["issuer"]
    claims["iss"] = issuer["id"] if isinstance(issuer, Mapping) else issuer
    claims["jti"] = credential["id"]
    claims["nbf"] = int(parse_time(credential["validFrom"]).timestamp())  # type: ignore[union-attr]  # set by credential_build
    if until := parse_time(credential.get("validUntil")):
        claims["exp"] = int(until.timestamp())
    header = {"alg": "ES256", "typ": "JWT", "kid": kid}
    return jwt.encode(header, claims, key, algorithms=["ES256"])


@dataclass(frozen=True)
class VerifiedCredential:
    header: dict[str, Any]
    credential: dict[str, Any]
    issuer_id: str
    issuer_name: str
    valid_from: datetime | None
    valid_until: datetime | None


def _issuer(credential: Mapping[str, Any]) -> tuple[str, str]:
    issuer = credential.get("issuer")
    if isinstance(issuer, str):
        return issuer, issuer
    if isinstance(issuer, Mapping) and isinstance(issuer.get("id"), str):
        return issuer["id"], str(issuer.get("name") or issuer["id"])
    raise BadgeRefused("The credential names no issuer.")


def unverified_header(token: str) -> dict[str, Any]:
    from joserfc.jws import extract_compact

    try:
        return dict(extract_compact(token.encode("ascii")).protected)
    except (JoseError, ValueError, UnicodeError):
        raise BadgeRefused("This is not a readable JWT.") from None


def vc_jwt_verify(
    token: str,
    *,
    key_for: Callable[[dict[str, Any]], PublicKey],
    now: datetime,
) -> VerifiedCredential:
    """Check the signature with the key `key_for(header)` gives (it raises BadgeRefused when it
    knows none), then the credential's shape and dates. Revocation is the caller's (it needs the
    network or the database)."""
    header = unverified_header(token)
    if header.get("alg") not in ALGORITHMS:
        raise BadgeRefused(
            f"The badge is signed with {header.get('alg')!r}, which is not accepted."
        )
    key = key_for(header)
    try:
        decoded = jwt.decode(token, key, algorithms=ALGORITHMS)
    except JoseError:
        raise BadgeRefused(
            "The badge's signature does not match: it was changed after it was signed, "
            "or signed by someone else."
        ) from None
    claims = dict(decoded.claims)
    # VC-JWT as OB 3.0 §8.2 has it (the credential is the payload), or the older VCDM 1.1
    # encoding with the credential under "vc".
    credential = dict(claims["vc"]) if isinstance(claims.get("vc"), Mapping) else claims
    types = credential.get("type") or []
    if not isinstance(types, list) or not (
        "OpenBadgeCredential" in types or "AchievementCredential" in types
    ):
        raise BadgeRefused("This credential is not an Open Badge.")
    issuer_id, issuer_name = _issuer(credential)
    if claims.get("iss") not in (None, issuer_id):
        raise BadgeRefused("The JWT's issuer and the credential's issuer differ.")
    valid_from = parse_time(credential.get("validFrom") or credential.get("issuanceDate"))
    valid_until = parse_time(credential.get("validUntil") or credential.get("expirationDate"))
    if isinstance(claims.get("exp"), int | float):
        exp = datetime.fromtimestamp(claims["exp"], tz=UTC)
        valid_until = min(valid_until, exp) if valid_until else exp
    if valid_until is not None and valid_until <= now:
        raise BadgeRefused(
            f"The badge expired on {valid_until:%b} {valid_until.day}, {valid_until.year}."
        )
    if valid_from is not None and valid_from > now:
        raise BadgeRefused("The badge is not valid yet.")
    return VerifiedCredential(
        header=header,
        credential=credential,
        issuer_id=issuer_id,
        issuer_name=issuer_name,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def subject_identifiers(credential: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    subject = credential.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else None
    if not isinstance(subject, Mapping):
        raise BadgeRefused("The credential has no subject.")
    identifiers = subject.get("identifier") or []
    if isinstance(identifiers, Mapping):
        identifiers = [identifiers]
    return [item for item in identifiers if isinstance(item, Mapping)]


def recipient_is(credential: Mapping[str, Any], emails: list[str]) -> bool:
    for item in subject_identifiers(credential):
        if item.get("identityType") != "emailAddress":
            continue
        if identity_matches(
            str(item.get("identityHash", "")),
            salt=str(item.get("salt") or ""),
            hashed=bool(item.get("hashed")),
            emails=emails,
        ):
            return True
    return False


def achievement_of(credential: Mapping[str, Any]) -> Mapping[str, Any]:
    subject = credential.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else {}
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    return achievement if isinstance(achievement, Mapping) else {}
