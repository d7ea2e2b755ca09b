# ruff: noqa: E501 - the tables read best one case per line
"""Targets of kind "role" (a role in a practice setting) and skill requirements: the data is
sourced and its codes exist; the gap reads the profile's skills and the latest self-ratings
(pure table tests, then the real database and page)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.urls import reverse

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR, read_catalog
from rxguild.catalog.models import Skill
from rxguild.growth.frameworks import read_frameworks
from rxguild.growth.models import Assessment, Competency, Framework, Rating
from rxguild.growth.services import frameworks_load
from rxguild.profiles.models import Profile, ProfileSkill
from rxguild.roadmap.gap import MemberFacts, SkillRating, Status, evaluate_requirement
from rxguild.roadmap.models import Target
from rxguild.roadmap.requirements import (
    RequirementsDataError,
    load_requirements,
    parse_requirements,
)

DATA = load_requirements()
CATALOG = read_catalog(DEFAULT_DATA_DIR)
GROWTH_DIR = Path(__file__).resolve().parents[2] / "data" / "growth" / "frameworks"
TODAY = dt.date(2026, 12, 4)
ROLES = [t for t in DATA.targets.values() if t.kind == "role"]


def test_roles_are_in_the_data_with_their_settings():
    assert {t.code: t.setting for t in ROLES} == {
        "role-hospital-iv-room": "hospital-health-system",
        "role-nuclear-pharmacy-technician": "nuclear",
        "role-pbm-claims-technician": "pbm-insurance",
    }
    settings = {e.code for e in CATALOG.practice_settings.entries}
    assert {t.setting for t in ROLES} <= settings


def test_skill_and_competency_codes_exist():
    assert DATA.skill_codes() - {e.code for e in CATALOG.skills.entries} == set()
    competencies = {
        c.code for f in read_frameworks(GROWTH_DIR) for d in f.domains for c in d.competencies
    }
    assert DATA.competency_codes() - competencies == set()


def test_every_role_fact_is_sourced_and_levels_are_never_high():
    for target in ROLES:
        assert target.source and target.confidence in ("medium", "low"), target.code
        for requirement in target.all_requirements():
            assert requirement.source and requirement.confidence, requirement.code
            if requirement.kind == "skill":
                # No source gives a level: it is RxGuild's threshold and says so.
                assert requirement.confidence != "high"
                assert "RxGuild's threshold" in requirement.note


BASE = """version = "1"
updated = 2026-12-04
[[requirements]]
code = "s"
label = "A skill"
source = "x"
checked = 2026-12-04
confidence = "low"
"""


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ('kind = "skill"', "requirement s, field 'skills': a skill requirement names profile skills or competencies"),
        ('kind = "skill"\ncompetencies = ["c"]', "requirement s, field 'level': a skill requirement with competencies says which level"),
        ('kind = "skill"\ncompetencies = ["c"]\nlevel = 5', "requirement s, field 'level': the self-assessment scale goes from 1 to 4"),
        ('kind = "step"\noptional = "yes"', "requirement s, field 'optional': must be true or false"),
    ],
)  # fmt: skip
def test_bad_skill_requirements_are_refused(fields, problem):
    with pytest.raises(RequirementsDataError) as raised:
        parse_requirements(BASE + fields + "\n")
    assert problem in raised.value.problems


def test_a_role_target_needs_its_setting():
    text = BASE + 'kind = "step"\n[[targets]]\ncode = "r"\nkind = "role"\nname = "R"\n'
    text += 'requirements = ["s"]\nsource = "x"\nchecked = 2026-12-04\nconfidence = "low"\n'
    with pytest.raises(RequirementsDataError) as raised:
        parse_requirements(text)
    assert "target r, field 'setting': a role target names its catalog practice setting" in (
        raised.value.problems
    )


ASEPTIC = DATA.requirements["role-iv-aseptic-technique"]
RATED_2 = SkillRating("csp-proc-aseptic", "Aseptic technique", 2, dt.date(2026, 12, 1))
RATED_3 = SkillRating("csp-proc-aseptic", "Aseptic technique", 3, dt.date(2026, 12, 1))
LISTED = {"aseptic-technique": "Aseptic technique"}


@pytest.mark.parametrize(
    ("skills", "ratings", "status", "reason"),
    [
        ({}, {}, Status.MISSING, "Not on your profile's skills and not rated in your self-assessment yet."),
        (LISTED, {}, Status.PARTLY, "Aseptic technique is on your profile. Rate yourself in your self-assessment to compare with the level asked: 3 of 4 (Proficient)."),
        ({}, {"csp-proc-aseptic": RATED_2}, Status.PARTLY, "You rated yourself 2 of 4 (Developing) in aseptic technique on Dec 1, 2026; this asks for 3 of 4 (Proficient)."),
        (LISTED, {"csp-proc-aseptic": RATED_3}, Status.MET, "You rated yourself 3 of 4 (Proficient) in aseptic technique on Dec 1, 2026. Aseptic technique is on your profile."),
    ],
)  # fmt: skip
def test_skill_gap_reads_profile_and_self_assessment(skills, ratings, status, reason):
    gap = evaluate_requirement(ASEPTIC, MemberFacts(today=TODAY, skills=skills, ratings=ratings))
    assert (gap.status, gap.reason) == (status, reason)


def test_adding_a_skill_or_a_first_rating_never_lowers_the_status():
    skill_options = [{}, LISTED]
    rating_options = [{}, {"csp-proc-aseptic": RATED_2}, {"csp-proc-aseptic": RATED_3}]
    rank = {Status.MISSING: 0, Status.PARTLY: 1, Status.MET: 2}

    def status(skills, ratings):
        facts = MemberFacts(today=TODAY, skills=skills, ratings=ratings)
        return rank[evaluate_requirement(ASEPTIC, facts).status]

    for skills, ratings in itertools.product(skill_options, rating_options):
        assert status(LISTED, ratings) >= status(skills, ratings)
        if not ratings:
            assert all(status(skills, more) >= status(skills, ratings) for more in rating_options)


@pytest.mark.django_db
def test_iv_room_role_from_the_picker_uses_skills_and_self_assessment(member, member_client):
    frameworks_load()
    profile = Profile.objects.get(user=member)
    ProfileSkill.objects.create(profile=profile, skill=Skill.objects.get(code="garbing"))
    framework = Framework.objects.get(code="sterile-compounding")
    older = Assessment.objects.create(member=member, framework=framework)
    Assessment.objects.filter(pk=older.pk).update(created_at=older.created_at - dt.timedelta(30))
    newer = Assessment.objects.create(member=member, framework=framework)
    aseptic = Competency.objects.get(code="csp-proc-aseptic")
    Rating.objects.create(assessment=older, competency=aseptic, level=4)
    Rating.objects.create(assessment=newer, competency=aseptic, level=2)  # the latest counts

    page = member_client.get(reverse("roadmap:home")).content.decode()
    assert '<label for="id_role_code">Role</label>' in page
    assert '<option value="role-hospital-iv-room">IV-room technician in a hospital' in page
    response = member_client.post(reverse("roadmap:target_add"), {"code": "role-hospital-iv-room"})
    target = Target.objects.get(member=member)
    assert (target.kind, target.code) == ("role", "role-hospital-iv-room")
    page = member_client.get(response["Location"]).content.decode()
    assert "You rated yourself 2 of 4 (Developing) in aseptic technique" in page
    assert "this asks for 3 of 4 (Proficient)." in page
    assert "Garbing and hand hygiene is on your profile. Rate yourself" in page
    assert (
        "CSPT (the sterile compounding credential)</strong> <small>(not required)</small>" in page
    )
    assert "practise it at work, then rate yourself again" in page  # the plan's skill step
    assert f'<a href="{reverse("growth:home")}">Rate yourself in your self-assessment</a>' in page


@pytest.mark.django_db
def test_api_adds_a_role_target_with_skill_reasons(member_client):
    import json

    response = member_client.post(
        "/api/v1/roadmap/targets",
        json.dumps({"code": "role-pbm-claims-technician"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    gap = response.json()["gap"]
    assert gap["status"] == "missing"
    found = {r["requirement"]["code"]: (r["status"], r["unit"]) for r in gap["requirements"]}
    assert found == {
        "role-billing-claims": ("missing", "self-rating"),
        "role-billing-prior-authorization": ("missing", "self-rating"),
        "role-billing-certificate-preferred": ("missing", ""),
    }
    optional = [r for r in gap["requirements"] if r["requirement"]["optional"]]
    assert [r["requirement"]["code"] for r in optional] == ["role-billing-certificate-preferred"]
