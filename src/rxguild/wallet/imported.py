"""What a verified imported badge is, whatever its format (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rxguild.wallet.errors import BadgeRefused, BadgeRevoked
from rxguild.wallet.fetch import Fetcher


@dataclass(frozen=True)
class VerifiedBadge:
    spec: str  # "ob2" or "ob3"
    badge_id: str  # the assertion's or credential's id: what makes a second import a replay
    name: str
    description: str
    issuer_name: str
    issuer_id: str
    issued_at: datetime | None
    expires_at: datetime | None
    document: dict[str, Any]  # the assertion or credential as verified
    vc_jwt: str = ""


def fetch_json(fetch: Fetcher, url: str, *, what: str) -> dict[str, Any]:
    fetched = fetch(url)
    if fetched.status in (404, 410):
        raise BadgeRevoked(
            f"The issuer no longer publishes the {what} (HTTP {fetched.status}): "
            "the badge was revoked or removed."
        )
    if fetched.status != 200:
        raise BadgeRefused(f"The issuer's site answered HTTP {fetched.status} for the {what}.")
    try:
        data = json.loads(fetched.body)
    except (ValueError, UnicodeDecodeError):
        raise BadgeRefused(f"The {what} at {url} is not JSON.") from None
    if not isinstance(data, dict):
        raise BadgeRefused(f"The {what} at {url} is not a JSON object.")
    return data
