"""The member's skills for the gap engine: the profile's skills and the latest self-rating of
each competency (the growth app's self-assessments). Two queries whatever the member has."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from rxguild.growth.models import Rating
from rxguild.profiles.models import ProfileSkill
from rxguild.roadmap.facts import SkillRating


def profile_skills(member: Any) -> dict[str, str]:
    """Catalog skill code -> name, as listed on the member's profile."""
    return dict(
        ProfileSkill.objects.filter(profile__user=member).values_list("skill__code", "skill__name")
    )


def latest_ratings(member: Any) -> dict[str, SkillRating]:
    """Each competency's newest self-rating: a newer assessment replaces an older one (the
    member's current view of themself), whichever framework it is in."""
    ratings: dict[str, SkillRating] = {}
    rows = (
        Rating.objects.filter(assessment__member=member)
        .order_by("-assessment__created_at", "-assessment_id")
        .values_list("competency__code", "competency__name", "level", "assessment__created_at")
    )
    for code, name, level, created_at in rows:
        if code not in ratings:
            ratings[code] = SkillRating(
                competency=code, name=name, level=level, rated_on=timezone.localdate(created_at)
            )
    return ratings
