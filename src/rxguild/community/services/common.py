"""Checks every community action shares: may this member take part, and how often."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer, is_site_moderator
from rxguild.community import trust
from rxguild.community.models import Post, Suspension
from rxguild.core.human_dates import human_datetime
from rxguild.core.ratelimit import rate_limit_check


def active_suspension(user: User) -> Suspension | None:
    return (
        Suspension.objects.filter(member=user, lifted_at__isnull=True, until__gt=timezone.now())
        .order_by("-until")
        .first()
    )


def require_participant(user: Viewer) -> None:
    """Signed in, active and not suspended: the bar for posting, messaging and RSVPs."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied("Sign in to take part.")
    suspension = active_suspension(user)
    if suspension is not None:
        until = human_datetime(timezone.localtime(suspension.until))
        raise PermissionDenied(f"Your account is suspended until {until}: {suspension.reason}")


def trust_limits_for(user: User) -> trust.TrustLimits:
    days = (timezone.now() - user.date_joined).total_seconds() / 86400
    posts = Post.objects.filter(author=user, status=Post.Status.VISIBLE).count()
    level = trust.trust_level(
        days_since_joining=days, post_count=posts, is_moderator=is_site_moderator(user)
    )
    return trust.limits_for(level)


DAY = 24 * 3600


def daily_cap_check(*, user: User, action: str, limit: int, described: str) -> None:
    rate_limit_check(
        key=f"community:{action}:{user.pk}", limit=limit, window_seconds=DAY, action=described
    )


def post_interval_check(*, user: User, limits: trust.TrustLimits) -> None:
    # Tests that are not about this limit turn it off (it would make them sleep).
    if limits.seconds_between_posts <= 0 or not getattr(
        settings, "RXGUILD_COMMUNITY_POST_INTERVAL", True
    ):
        return
    from rxguild.core.ratelimit import RateLimited, rate_limit_hit

    if rate_limit_hit(
        key=f"community:post-interval:{user.pk}",
        limit=1,
        window_seconds=limits.seconds_between_posts,
    ):
        raise RateLimited(f"Please wait {limits.seconds_between_posts} seconds between posts.")
