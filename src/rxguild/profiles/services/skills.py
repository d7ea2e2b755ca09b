"""The member's skills from the catalog taxonomy, each with a level."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from rxguild.catalog.models import Skill
from rxguild.profiles.models import Profile, ProfileSkill
from rxguild.profiles.services.common import Saved

MAX_SKILLS = 60


def _check_level(level: int) -> None:
    if level not in ProfileSkill.Level.values:
        raise ValidationError({"level": "Choose a level from 1 (learning) to 4 (expert)."})


@transaction.atomic
def profile_skills_set(
    *, profile: Profile, skill_levels: Mapping[Skill, int]
) -> list[ProfileSkill]:
    """Replace the member's skills with these (skill -> level); levels of kept skills change."""
    if len(skill_levels) > MAX_SKILLS:
        raise ValidationError({"skills": f"Choose at most {MAX_SKILLS} skills."})
    for level in skill_levels.values():
        _check_level(level)
    ProfileSkill.objects.filter(profile=profile).exclude(
        skill__in=[skill.pk for skill in skill_levels]
    ).delete()
    kept = {row.skill_id: row for row in ProfileSkill.objects.filter(profile=profile)}
    result = []
    for skill, level in skill_levels.items():
        row = kept.get(skill.pk)
        if row is None:
            row = ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])
        result.append(row)
    return result


@transaction.atomic
def profile_skills_add(*, profile: Profile, skills: list[Skill]) -> list[Skill]:
    """Add these skills at the default level; skills already listed keep their level.

    Returns the skills that were new, so the page can name them (or say nothing changed).
    """
    listed = set(ProfileSkill.objects.filter(profile=profile).values_list("skill_id", flat=True))
    new = [skill for skill in dict.fromkeys(skills) if skill.pk not in listed]
    if len(listed) + len(new) > MAX_SKILLS:
        raise ValidationError({"skills": f"You can list at most {MAX_SKILLS} skills."})
    ProfileSkill.objects.bulk_create(
        [
            ProfileSkill(profile=profile, skill=skill, level=ProfileSkill.Level.WORKING)
            for skill in new
        ]
    )
    return new


@transaction.atomic
def profile_skill_add(*, profile: Profile, skill: Skill, level: int = 2) -> Saved[ProfileSkill]:
    """Add one skill, or change its level if it is listed already (`changed` says which)."""
    _check_level(level)
    row = ProfileSkill.objects.filter(profile=profile, skill=skill).first()
    if row is not None:
        if row.level == level:
            return Saved(row, frozenset())
        row.level = level
        row.save(update_fields=["level"])
        return Saved(row, frozenset({"level"}))
    if ProfileSkill.objects.filter(profile=profile).count() >= MAX_SKILLS:
        raise ValidationError({"skill": f"You can list at most {MAX_SKILLS} skills."})
    row = ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
    return Saved(row, frozenset({"skill", "level"}))


@transaction.atomic
def profile_skill_set_level(*, profile_skill: ProfileSkill, level: int) -> Saved[ProfileSkill]:
    _check_level(level)
    if profile_skill.level == level:
        return Saved(profile_skill, frozenset())
    profile_skill.level = level
    profile_skill.save(update_fields=["level"])
    return Saved(profile_skill, frozenset({"level"}))


@transaction.atomic
def profile_skill_remove(*, profile_skill: ProfileSkill) -> None:
    profile_skill.delete()
