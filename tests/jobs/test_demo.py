"""Demo jobs: read from data/jobs/demo_postings.toml, idempotent, and realistic (employers in
their own states at their own workplaces, hospital jobs near every demo city, students' roles
paid as the postings say, credentials named, never coded)."""

from __future__ import annotations

import re

import pytest
from tests.jobs.factories import UserFactory

from rxguild.catalog.datafiles import DEFAULT_DATA_DIR
from rxguild.catalog.services import catalog_load
from rxguild.core.demo import DemoContext
from rxguild.jobs import demo, geo
from rxguild.jobs.demo_data import demo_data
from rxguild.jobs.models import Employer, EmployerMember, JobPosting
from rxguild.jobs.search_params import SearchParams
from rxguild.jobs.selectors import job_search

DATA = demo_data()


def test_demo_places_match_the_zipcodes_package():
    for place in DATA.places:
        centroid = geo.zip_centroid(place.zip_code)
        assert (centroid.state, centroid.city) == (place.state, place.city)
        assert (centroid.latitude, centroid.longitude) == (place.latitude, place.longitude)


def test_every_state_has_a_health_system_and_every_employer_a_state_with_places():
    health = {e.state for e in DATA.employers if e.kind == "health_system"}
    assert health == set(DATA.states)
    assert len(DATA.states) == 13
    assert all(DATA.places_in(e.state) for e in DATA.employers)


def test_generated_postings_follow_the_data_without_a_database():
    postings = list(demo.generate(DATA.postings, credential_names={"ptcb-cpht": "CPhT"}))
    states = {e.slug: e.state for e in DATA.employers}
    assert all(g.values["state"] == states[g.employer_slug] for g in postings)
    assert len({(g.values["latitude"], g.values["longitude"]) for g in postings}) > 50


@pytest.fixture
def seeded(db):
    catalog_load(path=DEFAULT_DATA_DIR)
    recruiter = UserFactory(email="recruiter@rxguild.local")
    context = DemoContext(objects={"recruiter": recruiter})
    demo.seed(context)
    demo.seed(context)
    return recruiter


def test_seed_is_idempotent_and_searchable(seeded):
    assert Employer.objects.count() == len(DATA.employers) == 24
    assert JobPosting.objects.filter(external_id__startswith="demo-").count() == 320
    assert EmployerMember.objects.get(user=seeded).employer.slug == "lone-star-health"
    in_review = JobPosting.objects.filter(status="in_review")
    assert [p.employer.slug for p in in_review] == ["lone-star-health", "lone-star-health"]
    assert set(JobPosting.objects.values_list("state", flat=True)) == set(DATA.states)
    result = job_search(SearchParams(zip="77030", radius=50))
    assert (
        result.total
        == JobPosting.objects.filter(status="published", zip_code__in=["77030", "77002"]).count()
    )


def test_every_employer_posts_only_in_its_own_state(seeded):
    states = {e.slug: e.state for e in DATA.employers}
    wrong = [
        (slug, state)
        for slug, state in JobPosting.objects.values_list("employer__slug", "state")
        if states[slug] != state
    ]
    assert wrong == []


def test_a_hospital_job_within_25_miles_of_every_demo_city(seeded):
    hospital_points = list(
        JobPosting.objects.filter(
            status="published", practice_setting__code="hospital-health-system"
        ).values_list("latitude", "longitude")
    )
    for place in DATA.places:
        nearest = min(
            geo.haversine_miles(place.latitude, place.longitude, lat, lon)
            for lat, lon in hospital_points
        )
        assert nearest <= 25, place.city


def test_postings_carry_their_own_workplace_point(seeded):
    houston = JobPosting.objects.filter(zip_code="77030", location_precision="point")
    points = set(houston.values_list("latitude", "longitude"))
    assert len(points) >= 2
    centroid = geo.zip_centroid("77030")
    for lat, lon in points:
        assert 0.3 < geo.haversine_miles(centroid.latitude, centroid.longitude, lat, lon) < 3.6
    # An employer that gives only ZIPs is placed at the ZIP's centre, and says so.
    zip_only = JobPosting.objects.filter(employer__slug="main-street-drug")
    assert set(zip_only.values_list("location_precision", flat=True)) == {"zip"}


def test_students_roles_are_paid_as_their_postings_say(seeded):
    students = JobPosting.objects.exclude(kind="job").select_related("employer")
    assert students.count() >= 5
    pay = {e.slug: e.student_pay_hourly for e in DATA.employers}
    for posting in students:
        stated = pay[posting.employer.slug]
        if stated:
            assert (posting.unpaid, float(posting.pay_min), posting.pay_unit) == (
                False,
                stated,
                "HOUR",
            )
            assert f"${stated:.2f} an hour." in posting.description
        else:
            assert (posting.unpaid, posting.pay_min, posting.pay_unit) == (True, None, "")
            assert f"This {posting.kind} is unpaid." in posting.description


def test_descriptions_name_credentials_and_never_show_codes(seeded):
    descriptions = list(JobPosting.objects.values_list("description", flat=True))
    assert not [d for d in descriptions if re.search(r"\b(ptcb|nha|state)-[a-z]", d)]
    assert any("Required: Certified Pharmacy Technician (CPhT)" in d for d in descriptions)
