"""A fixed-window rate limit on Django's cache, shared by every capability.

The cache is the shared one (Redis or the database cache in production), so the limit
holds across app servers. Fixed windows are coarse, but enough to stop scripted abuse
(mass applying, mass posting) without a new dependency.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

logger = logging.getLogger("rxguild.cache")


class RateLimited(PermissionDenied):
    """Raised when an action is attempted too often; the message says when to retry."""


def rate_limit_hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt under `key`; True when this attempt is over the limit."""
    cache_key = f"ratelimit:{key}"
    # add() is atomic: only the first attempt in a window creates the counter.
    if cache.add(cache_key, 1, timeout=window_seconds):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds)
        count = 1
    if count is None:
        # The cache is down (Redis with IGNORE_EXCEPTIONS answers None): these limits stop
        # scripted abuse, not break-ins, so the member's action goes through (allauth's
        # sign-in limits, by contrast, refuse while they cannot count). Logged for alerting.
        logger.warning("rate limit %s not counted: the cache is unavailable", key.split(":")[0])
        return False
    return bool(count > limit)


def rate_limit_check(*, key: str, limit: int, window_seconds: int, action: str) -> None:
    """Raise RateLimited (a 403 in pages and API) when `action` is over its limit."""
    if rate_limit_hit(key=key, limit=limit, window_seconds=window_seconds):
        minutes = max(1, window_seconds // 60)
        raise RateLimited(
            f"You have {action} too often. Please wait up to {minutes} minutes and try again."
        )
