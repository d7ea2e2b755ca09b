"""Distances are to each posting's own workplace when the employer gives it, and pages say
when they are only to a ZIP's or a city's centre. Unpaid is the posting's own statement."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from tests.jobs.factories import posting_input, publish, recruiter_for

from rxguild.jobs import geo, importers, services
from rxguild.jobs.jsonld import jsonld_to_input, posting_to_jsonld
from rxguild.jobs.models import JobPosting

# Two workplaces in ZIP 77030 (centroid 29.7041, -95.4010), about 1 and 3 miles from a
# searcher at the same ZIP's centre: with ZIP centroids both read "0.0 mi".
NEAR = (29.7180, -95.4010)
FAR = (29.7041, -95.4530)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _miles(point: tuple[float, float]) -> str:
    return f"{geo.haversine_miles(29.7041, -95.4010, *point):.1f} mi"


def test_results_measure_to_each_workplace_not_the_zip_centre(client, catalog, employer):
    publish(employer, title="Near Tech", latitude=NEAR[0], longitude=NEAR[1])
    publish(employer, title="Far Tech", latitude=FAR[0], longitude=FAR[1])
    publish(employer, title="Zip Tech")
    response = client.get("/jobs/", {"zip": "77030", "radius": "10", "sort": "distance"})
    hits = response.context["result"].hits
    assert [h.posting.title for h in hits] == ["Zip Tech", "Near Tech", "Far Tech"]
    assert [round(h.distance_miles, 1) for h in hits] == [0.0, 1.0, 3.1]
    text = _text(response)
    assert f"{_miles(NEAR)} Full time" in text
    assert f"{_miles(FAR)} Full time" in text
    assert "0.0 mi (to the centre of ZIP 77030) Full time" in text


def test_the_job_page_says_when_only_the_zip_or_the_city_is_known(client, catalog, employer):
    own = publish(employer, latitude=NEAR[0], longitude=NEAR[1])
    by_zip = publish(employer)
    by_city = publish(employer, zip_code="", city="Houston", state="TX")
    assert (own.location_precision, by_zip.location_precision, by_city.location_precision) == (
        "point",
        "zip",
        "city",
    )
    assert "distances to this job are measured" not in _text(client.get(f"/jobs/{own.public_id}/"))
    assert (
        "The employer gave the ZIP code, not the workplace's exact location: distances to this "
        "job are measured to the centre of ZIP 77030."
        in _text(client.get(f"/jobs/{by_zip.public_id}/"))
    )
    assert (
        "Only the city is given: distances to this job are measured to the centre of Houston, TX"
        in _text(client.get(f"/jobs/{by_city.public_id}/"))
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"latitude": 32.7767, "longitude": -96.797},
            "latitude",
            "That point is 228 miles from ZIP 77030: check the coordinates.",
        ),
        (
            {"latitude": "29.71", "longitude": ""},
            "latitude",
            "Give both latitude and longitude as decimal degrees (e.g. 29.7079, -95.4011).",
        ),
        (
            {"latitude": 129.7, "longitude": -95.4},
            "latitude",
            "Latitude is between -90 and 90 and longitude between -180 and 180.",
        ),
        (
            {"zip_code": "", "city": "Nowhereville", "state": "TX"},
            "city",
            "We don't know Nowhereville, TX. Add the workplace's ZIP code.",
        ),
        (
            {"zip_code": ""},
            "zip_code",
            "On-site and hybrid postings need the workplace's ZIP code (or its city and state).",
        ),
        (
            {"unpaid": True},
            "unpaid",
            "An unpaid position can't state pay: clear the pay or untick “unpaid”.",
        ),
    ],
    ids=[
        "point-far-from-zip",
        "half-a-point",
        "out-of-range",
        "unknown-city",
        "no-place",
        "unpaid",
    ],
)
def test_bad_locations_and_pay_are_refused_and_nothing_is_saved(
    catalog, employer, overrides, field, message
):
    recruiter = recruiter_for(employer)
    with pytest.raises(ValidationError) as error:
        services.job_posting_create(
            employer=employer, author=recruiter, data=posting_input(**overrides), rate_limit=False
        )
    assert error.value.message_dict[field] == [message]
    assert JobPosting.objects.count() == 0


def test_an_unpaid_externship_says_so(client, catalog, employer):
    posting = publish(
        employer, kind="externship", employment_type="INTERN", pay_min=None, pay_max=None,
        pay_unit="", unpaid=True,
    )  # fmt: skip
    assert "Unpaid (as the employer states)" in _text(client.get(f"/jobs/{posting.public_id}/"))
    silent = publish(employer, pay_min=None, pay_max=None, pay_unit="")
    assert "Pay not stated" in _text(client.get(f"/jobs/{silent.public_id}/"))


def test_imports_carry_the_workplace_point(catalog, employer):
    recruiter = recruiter_for(employer)
    csv_text = (
        "external_id,title,description,employment_type,zip_code,latitude,longitude,unpaid\n"
        f"r1,CSV Tech,Fill prescriptions.,FULL_TIME,77030,{NEAR[0]},{NEAR[1]},\n"
        "r2,Extern,Learn the IV room.,INTERN,77030,,,yes\n"
    )
    report = importers.jobs_import(
        employer=employer, actor=recruiter, rows=importers.parse_csv(csv_text)
    )
    assert (report.created, report.errors) == (2, [])
    by_title = {p.title: p for p in JobPosting.objects.all()}
    assert (by_title["CSV Tech"].latitude, by_title["CSV Tech"].location_precision) == (
        NEAR[0],
        "point",
    )
    assert (by_title["Extern"].unpaid, by_title["Extern"].location_precision) == (True, "zip")
    # JSON-LD carries the point as jobLocation.geo, and reading it back keeps it.
    data = json.loads(json.dumps(posting_to_jsonld(by_title["CSV Tech"], url="https://x/")))
    assert data["jobLocation"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": NEAR[0],
        "longitude": NEAR[1],
    }
    assert (jsonld_to_input(data).latitude, jsonld_to_input(data).longitude) == NEAR
    zip_only = posting_to_jsonld(by_title["Extern"], url="https://x/")
    assert "geo" not in zip_only["jobLocation"]
