"""Demo seeding: idempotent, from the catalog, and its ZIP table agrees with the package."""

from __future__ import annotations

from tests.jobs.factories import UserFactory

from rxguild.core.demo import DemoContext
from rxguild.jobs import demo, geo
from rxguild.jobs.models import Employer, EmployerMember, JobPosting
from rxguild.jobs.search_params import SearchParams
from rxguild.jobs.selectors import job_search


def test_metro_zips_match_the_zipcodes_package():
    for state, rows in demo.METRO_ZIPS.items():
        for zip_code, city, latitude, longitude in rows:
            centroid = geo.zip_centroid(zip_code)
            assert (centroid.state, centroid.city) == (state, city)
            assert (centroid.latitude, centroid.longitude) == (latitude, longitude)


def test_seed_is_idempotent_and_searchable(catalog):
    recruiter = UserFactory(email="recruiter@rxguild.local")
    context = DemoContext(objects={"recruiter": recruiter})
    demo.seed(context)
    demo.seed(context)
    assert Employer.objects.count() == 9
    assert JobPosting.objects.filter(external_id__startswith="demo-").count() == 320
    assert EmployerMember.objects.get(user=recruiter).employer.slug == "lone-star-health"
    assert JobPosting.objects.filter(status="in_review").count() == 2
    assert set(JobPosting.objects.values_list("state", flat=True)) == set(demo.STATES)
    result = job_search(SearchParams(zip="77030", radius=50))
    assert (
        result.total
        == JobPosting.objects.filter(status="published", zip_code__in=["77030", "77002"]).count()
    )
