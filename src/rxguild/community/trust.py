"""Trust levels for new members, after Discourse's: a plain engine (no Django import).

Discourse's defaults are the model (meta.discourse.org "Understanding Discourse Trust
Levels" and its site settings: rate_limit_create_post 5 s, max_topics_in_first_day 3,
max_replies_in_first_day 10, newuser_max_links 2, max_flags_per_day 20). A member moves up by
time on the site and by taking part; moderators and staff are never throttled.
"""

from __future__ import annotations

from dataclasses import dataclass

NEW, BASIC, MEMBER, LEADER = 0, 1, 2, 4


@dataclass(frozen=True)
class TrustLimits:
    level: int
    seconds_between_posts: int
    topics_per_day: int
    replies_per_day: int
    messages_per_day: int
    flags_per_day: int
    connection_requests_per_day: int
    links_per_post: int | None  # None: no limit


LIMITS = {
    NEW: TrustLimits(NEW, 5, 3, 10, 10, 5, 10, 2),
    BASIC: TrustLimits(BASIC, 5, 10, 50, 50, 10, 30, 10),
    MEMBER: TrustLimits(MEMBER, 5, 20, 200, 200, 20, 50, None),
    LEADER: TrustLimits(LEADER, 0, 1000, 10000, 10000, 1000, 1000, None),
}

# (minimum days since joining, minimum posts) to reach each level.
BASIC_AFTER = (1, 3)
MEMBER_AFTER = (15, 20)


def trust_level(*, days_since_joining: float, post_count: int, is_moderator: bool) -> int:
    if is_moderator:
        return LEADER
    if days_since_joining >= MEMBER_AFTER[0] and post_count >= MEMBER_AFTER[1]:
        return MEMBER
    if days_since_joining >= BASIC_AFTER[0] and post_count >= BASIC_AFTER[1]:
        return BASIC
    return NEW


def limits_for(level: int) -> TrustLimits:
    return LIMITS[level]


def link_count(text: str) -> int:
    """Links a reader could follow: autolinks and Markdown links both need a scheme here
    (core.markdown drops relative links), so counting schemes counts links."""
    lowered = text.lower()
    return lowered.count("http://") + lowered.count("https://") + lowered.count("mailto:")
