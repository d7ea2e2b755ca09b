"""Profile completeness: a pure engine (no Django) over a few facts about a profile.

Weights favour what recruiters and mentors look at first (work history, credentials,
headline) over finishing touches (photo); they sum to 100.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_SKILLS = 3


@dataclass(frozen=True)
class ProfileFacts:
    has_display_name: bool
    has_headline: bool
    has_brand_statement: bool
    has_location: bool
    practice_setting_count: int
    has_photo: bool
    work_count: int
    education_count: int
    credential_count: int
    skill_count: int


@dataclass(frozen=True)
class MissingStep:
    key: str  # also the anchor of the edit-page section
    title: str
    detail: str
    weight: int
    url: str


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[MissingStep]


# key, weight, title, detail, section anchor
# fmt: off
_STEPS: list[tuple[str, int, str, str, str]] = [
    ("display_name", 10, "Add your name", "Your name as members should see it.", "basics"),
    ("headline", 10, "Write a headline", "One line such as 'CPhT, sterile compounding'.", "basics"),
    ("work", 15, "Add your work history", "Where you have worked and what you did.", "work"),
    ("credentials", 15, "Add your credentials", "CPhT, state registration.", "credentials"),
    ("brand_statement", 10, "Write a brand statement", "A few lines on what you bring.", "basics"),
    ("location", 10, "Add your ZIP code", "So local jobs and mentors can find you.", "basics"),
    ("education", 10, "Add education and training", "Program, externship.", "education"),
    ("skills", 10, "Pick at least 3 skills", "From the skills taxonomy.", "skills"),
    ("practice_settings", 5, "Choose your practice settings", "Retail, hospital, ...", "basics"),
    ("photo", 5, "Add a photo", "Members respond more to a face.", "photo"),
]
# fmt: on


def _done(key: str, facts: ProfileFacts) -> bool:
    return {
        "display_name": facts.has_display_name,
        "headline": facts.has_headline,
        "brand_statement": facts.has_brand_statement,
        "location": facts.has_location,
        "practice_settings": facts.practice_setting_count > 0,
        "photo": facts.has_photo,
        "work": facts.work_count > 0,
        "education": facts.education_count > 0,
        "credentials": facts.credential_count > 0,
        "skills": facts.skill_count >= MIN_SKILLS,
    }[key]


def completeness_from_facts(facts: ProfileFacts, *, edit_url: str) -> Completeness:
    percent = 0
    missing = []
    for key, weight, title, detail, anchor in _STEPS:
        if _done(key, facts):
            percent += weight
        else:
            missing.append(MissingStep(key, title, detail, weight, f"{edit_url}#{anchor}"))
    return Completeness(percent=percent, missing=missing)
