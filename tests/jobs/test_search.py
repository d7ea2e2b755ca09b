"""One search suite for both backends: it runs against whichever database the run uses
(SQLite FTS5 by default, PostgreSQL full-text with DATABASE_URL=postgres://...)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from tests.jobs.factories import EmployerFactory, member_with, publish, staff_user

from rxguild.jobs import services
from rxguild.jobs.models import JobPosting
from rxguild.jobs.search import get_backend
from rxguild.jobs.search import query as search_query
from rxguild.jobs.search.query import parse_text
from rxguild.jobs.search.sql import FilterSQL
from rxguild.jobs.search_params import SearchParams, search_params_parse
from rxguild.jobs.selectors import job_search


def search(**kwargs):
    params, errors = search_params_parse({k: str(v) for k, v in kwargs.items()})
    return job_search(params, errors=errors)


def titles(result):
    return [hit.posting.title for hit in result.hits]


@pytest.fixture
def board(catalog, employer):
    """A small board in and around Houston, Dallas and Austin."""
    other = EmployerFactory(name="Cornerstone Pharmacy")
    return {
        "iv": publish(
            employer,
            title="IV Room Technician",
            description="Sterile compounding of IV admixtures under USP 797.",
            practice_setting="hospital",
            shift="night",
            zip_code="77030",
            pay_min="24",
            pay_max="30",
            required_credentials=["ptcb-cpht", "state-tx-technician"],
            skills=["sterile-compounding"],
            days_ago=1,
        ),
        "retail": publish(
            other,
            title="Retail Pharmacy Technician",
            description="Counting, customer service and the drive-thru. Sterile work is not "
            "part of it.",
            practice_setting="community-retail",
            shift="day",
            zip_code="77002",
            pay_min="17",
            pay_max="20",
            required_credentials=["state-tx-technician"],
            days_ago=3,
        ),
        "dallas": publish(
            other,
            title="Prior Authorization Technician",
            description="Work prior authorization requests for the specialty team.",
            practice_setting="community-retail",
            employment_type="PART_TIME",
            zip_code="75201",
            pay_min="40000",
            pay_max="48000",
            pay_unit="YEAR",
            days_ago=5,
        ),
        "intern": publish(
            employer,
            title="Pharmacy Technician Externship",
            description="Externship for students in an accredited technician program.",
            kind=JobPosting.Kind.EXTERNSHIP,
            employment_type="",
            zip_code="78701",
            pay_min=None,
            pay_max=None,
            pay_unit="",
            days_ago=10,
        ),
    }


def test_text_search_ranks_title_matches_above_description_matches(board):
    result = search(q="sterile")
    assert titles(result) == ["IV Room Technician", "Retail Pharmacy Technician"]
    assert result.total == 2
    assert result.hits[0].score > result.hits[1].score


def test_employer_and_skill_names_are_searchable(board):
    assert titles(search(q="cornerstone", sort="date")) == [
        "Retail Pharmacy Technician",
        "Prior Authorization Technician",
    ]
    assert titles(search(q="compounding")) == ["IV Room Technician"]


def test_stemming_matches_word_forms(board):
    assert titles(search(q="externships")) == ["Pharmacy Technician Externship"]


def test_quoted_phrase_requires_the_words_together(board):
    assert titles(search(q='"prior authorization"')) == ["Prior Authorization Technician"]
    assert titles(search(q='"authorization prior"')) == []


@pytest.mark.parametrize(
    "text",
    ["(sterile))", "sterile*", '"sterile', "sterile:", "sterile - ^", "sterile')--"],
    ids=["parens", "star", "stray-quote", "colon", "operators", "sql"],
)
def test_operator_characters_are_harmless(board, text):
    result = search(q=text)
    assert result.errors == []
    assert "IV Room Technician" in titles(result)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"setting": "hospital"}, ["IV Room Technician"]),
        ({"employment_type": "PART_TIME"}, ["Prior Authorization Technician"]),
        ({"shift": "night"}, ["IV Room Technician"]),
        ({"credential": "ptcb-cpht"}, ["IV Room Technician"]),
        ({"pay_min": "19"}, ["IV Room Technician", "Prior Authorization Technician"]),
        ({"posted_within": "3"}, ["IV Room Technician"]),
        ({"internship": "1"}, ["Pharmacy Technician Externship"]),
        ({"zip": "77030", "radius": "25"}, ["IV Room Technician", "Retail Pharmacy Technician"]),
    ],
    ids=["setting", "type", "shift", "credential", "pay", "posted", "internship", "radius"],
)
def test_each_filter(board, params, expected):
    result = search(sort="date", **params)
    assert titles(result) == expected
    assert result.total == len(expected)


def test_filters_combine_with_text(board):
    result = search(q="technician", zip="77030", radius="25", credential="state-tx-technician")
    assert sorted(titles(result)) == ["IV Room Technician", "Retail Pharmacy Technician"]


def test_radius_sorts_by_distance_and_reports_miles(board):
    result = search(zip="77002", radius="100", sort="distance")
    assert titles(result) == ["Retail Pharmacy Technician", "IV Room Technician"]
    assert result.hits[0].distance_miles == pytest.approx(0.0, abs=0.01)
    assert result.hits[1].distance_miles == pytest.approx(4.0, abs=1.0)
    assert result.origin is not None and result.origin.city == "Houston"


def test_pay_sort_compares_hourly_equivalents(board):
    # $40,000 a year is $19.23 an hour: between the IV ($24) and retail ($17) jobs.
    assert titles(search(sort="pay")) == [
        "IV Room Technician",
        "Prior Authorization Technician",
        "Retail Pharmacy Technician",
        "Pharmacy Technician Externship",
    ]


def test_facet_counts(board):
    facets = search(q="technician").facets
    assert [(f.value, f.count) for f in facets["setting"]] == [
        ("community-retail", 2),
        ("hospital", 1),
    ]
    assert [(f.value, f.count) for f in facets["credential"]] == [
        ("state-tx-technician", 2),
        ("ptcb-cpht", 1),
    ]
    assert [(f.value, f.count) for f in facets["employment_type"]] == [
        ("FULL_TIME", 2),
        ("INTERN", 1),
        ("PART_TIME", 1),
    ]
    assert [(f.value, f.count) for f in facets["internship"]] == [("1", 1)]


def test_pagination(board, employer, monkeypatch):
    monkeypatch.setattr("rxguild.jobs.selectors.search.PAGE_SIZE", 3)
    first = search(sort="date")
    second = search(sort="date", page=2)
    assert (first.total, first.pages, second.page) == (4, 2, 2)
    assert titles(first) + titles(second) == [
        "IV Room Technician",
        "Retail Pharmacy Technician",
        "Prior Authorization Technician",
        "Pharmacy Technician Externship",
    ]


def test_only_live_published_postings_are_found(board, employer, recruiter, catalog):
    draft = services.job_posting_create(
        employer=employer,
        author=recruiter,
        data=services.PostingInput(
            title="Sterile Draft", description="Draft", employment_type="FULL_TIME",
            zip_code="77030",
        ),
    )  # fmt: skip
    services.job_posting_close(posting=board["iv"], actor=recruiter, status="filled")
    assert titles(search(q="sterile")) == ["Retail Pharmacy Technician"]
    assert JobPosting.objects.get(pk=draft.pk).status == JobPosting.Status.DRAFT


def test_expired_postings_leave_search(board):
    JobPosting.objects.filter(pk=board["retail"].pk).update(valid_through="2020-01-01T00:00:00Z")
    assert titles(search(q="sterile")) == ["IV Room Technician"]
    assert services.job_postings_expire_due() == 1
    assert services.job_postings_expire_due() == 0  # idempotent
    assert titles(search(q="sterile")) == ["IV Room Technician"]


def test_broad_terms_fall_back_to_recency_with_a_capped_total(board, monkeypatch):
    monkeypatch.setattr("rxguild.jobs.selectors.search.DEFAULT_CAP", 2)
    result = search(q="technician")
    assert result.total_is_capped is True
    assert result.total == 2
    # Newest matches first: the recency fallback never ranks every match.
    assert titles(result) == ["Prior Authorization Technician", "Pharmacy Technician Externship"]


def test_near_universal_terms_are_left_out_and_reported(board, monkeypatch):
    monkeypatch.setattr("rxguild.jobs.search.base.MIN_SAMPLE", 1)
    monkeypatch.setattr("rxguild.jobs.selectors.search.DEFAULT_CAP", 1)
    # "technician" is in all four postings: it narrows nothing and is left out.
    # With a cap of one, "sterile" (two matches) is broad too: the newest match is kept.
    result = search(q="technician sterile")
    assert result.ignored_terms == ("technician",)
    assert (titles(result), result.total_is_capped) == (["Retail Pharmacy Technician"], True)
    only_broad = search(q="technician", sort="date")
    assert only_broad.ignored_terms == ("technician",)
    assert (titles(only_broad), only_broad.total_is_capped) == (["IV Room Technician"], True)


def test_bad_search_input_gives_messages_and_no_results(board):
    result = search(zip="00000", radius="7", sort="cheapest", setting="moon-base")
    assert result.errors == [
        "The radius must be 5, 10, 25, 50 or 100 miles.",
        "Unknown sort “cheapest”.",
        "Unknown practice setting “moon-base”.",
        "We don't know ZIP code 00000. Check it, or try a nearby one.",
    ]
    assert (result.total, result.hits) == (0, [])


def test_distance_sort_needs_a_zip(board):
    assert search(sort="distance").errors == ["Enter a ZIP code to sort by distance."]


def test_met_and_missing_credentials_per_result(board, catalog):
    member = member_with(catalog["cpht"])
    params, _ = search_params_parse({"q": "technician", "zip": "77030", "radius": "25"})
    result = job_search(params, viewer=member)
    by_title = {hit.posting.title: hit for hit in result.hits}
    iv = by_title["IV Room Technician"]
    assert [c.code for c in iv.required_met] == ["ptcb-cpht"]
    assert [c.code for c in iv.required_missing] == ["state-tx-technician"]
    assert iv.qualifies is False
    assert result.knows_credentials is True


def test_search_query_count_is_constant(board, catalog, django_assert_max_num_queries):
    member = member_with(catalog["cpht"])
    params = SearchParams(q="technician", zip="77030", radius=100)
    job_search(params, viewer=member)  # fills the catalog cache
    # probe, candidates, requirements, page of postings, member's credentials
    with django_assert_max_num_queries(5):
        result = job_search(params, viewer=member)
    assert result.total == 2


def _plan(query_text: str, filters: FilterSQL, strategy: str) -> str:
    backend = get_backend()
    return backend.explain(parse_text(query_text), filters, "p.title", 2000, strategy)


def test_full_text_index_drives_the_plan_even_with_facet_filters(board):
    filters = FilterSQL(
        "p.status = 'published' AND p.practice_setting_id = %s AND p.employment_type = %s "
        "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s",
        [board["iv"].practice_setting_id, "FULL_TIME", 29.0, 30.5, -96.0, -95.0],
    )
    if connection.vendor == "postgresql":
        # Four rows: PostgreSQL would rightly seq-scan them. Costed as a big table, the plan
        # shows which index the query is built to use. On four rows any btree holding
        # "status = 'published'" is as cheap as the GIN index (on a board it matches every
        # live posting), so those are dropped inside the test's transaction: what is pinned
        # is that the text queries can use the partial GIN index (they name its predicate).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            for index in ("jobs_status_valid", "jobs_status_posted", "jobs_geo_cover_id"):
                cursor.execute(f"DROP INDEX {index}")
    selective = _plan("sterile", filters, "ranked")
    broad = _plan("technician", filters, "stream")
    if connection.vendor == "sqlite":
        # The FTS5 table is read first (materialized or as the outer loop) and the postings
        # table is only ever probed by primary key.
        lines = selective.splitlines()
        assert "MATERIALIZE m" in lines[0]
        assert re.search(r"SCAN jobs_posting_fts VIRTUAL TABLE INDEX \d+:M", lines[1])
        assert "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)" in selective
        assert "SCAN p" not in selective
        assert re.search(r"SCAN jobs_posting_fts VIRTUAL TABLE INDEX \d+:M", broad)
        assert "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)" in broad
        assert "SCAN p" not in broad
    else:
        # The ranked CTE reads the GIN index (cell, facets, text: it answers the text alone
        # as well); nothing scans the postings table.
        cte = selective.split("CTE m")[1].split("->  Index Scan using")[0]
        assert "Bitmap Index Scan on jobs_geo_text_gin" in cte
        assert "Seq Scan" not in selective


def test_radius_queries_read_the_grid_cell_index(board):
    cells = [board["iv"].geo_cell]
    filters = FilterSQL(
        "p.status = 'published' AND p.geo_cell IN (%s) AND p.employment_type = %s",
        [*cells, "FULL_TIME"],
    )
    plan = _plan("technician", filters, "filtered")
    if connection.vendor == "sqlite":
        assert re.search(r"SEARCH p USING (COVERING )?INDEX jobs_geo_cover_id \(geo_cell=\?", plan)
        assert re.search(r"SCAN jobs_posting_fts VIRTUAL TABLE INDEX \d+:M", plan)
        assert "SCAN p" not in plan
    else:
        assert "Seq Scan on jobs_jobposting" not in plan or "geo_cell" in plan


def test_backend_refresh_is_explicit_and_idempotent(board):
    backend = get_backend()
    backend.refresh([board["iv"].pk, board["iv"].pk])
    backend.refresh([board["iv"].pk])
    assert titles(search(q="compounding")) == ["IV Room Technician"]
    backend.rebuild()
    assert titles(search(q="compounding")) == ["IV Room Technician"]


def test_pay_is_stored_as_an_hourly_floor(board):
    assert board["dallas"].pay_hourly_min == Decimal("19.23")
    assert board["iv"].pay_hourly_min == Decimal("24.00")


def test_staff_user_helper_is_staff(db):
    assert staff_user().is_staff is True


def test_cap_default_is_documented():
    assert search_query.DEFAULT_CAP == 1000
