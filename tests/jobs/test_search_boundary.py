"""The boundary between the job search selector and the search package (issue: jobs/search
owns the query): typed filters in, typed rows out, URL parameters parsed by one form, and
imports that only go one way."""

from __future__ import annotations

import ast
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from tests.jobs.test_search import board  # noqa: F401 - board is a fixture

from rxguild.jobs import geo
from rxguild.jobs.search import find_candidates
from rxguild.jobs.search.query import CandidateRow, SearchArea, SearchFilters
from rxguild.jobs.search_params import SearchParams, search_params_parse

SEARCH = Path(__file__).resolve().parents[2] / "src" / "rxguild" / "jobs"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_query_module_is_pure_and_the_base_imports_no_backend():
    assert not {m for m in _imports(SEARCH / "search" / "query.py") if m.startswith("django")}
    base = _imports(SEARCH / "search" / "base.py")
    assert "rxguild.jobs.search.sqlite_fts" not in base
    assert "rxguild.jobs.search.postgres_fts" not in base


def test_the_selector_reaches_search_only_through_its_typed_boundary():
    # selectors is a package: every module in it keeps to the boundary
    modules = sorted((SEARCH / "selectors").glob("*.py"))
    assert modules
    used = {
        m
        for path in modules
        for m in _imports(path)
        if m.startswith("rxguild.jobs.search.") or m == "rxguild.jobs.search"
    }
    assert used == {"rxguild.jobs.search", "rxguild.jobs.search.query"}


def test_parameters_parse_to_typed_values():
    params, errors = search_params_parse(
        {
            "q": "  sterile compounding  ",
            "pay_min": "21.50",
            "posted_within": "7",
            "internship": "on",
            "zip": "77030",
            "radius": "50",
            "sort": "pay",
            "page": "3",
        }
    )
    assert errors == []
    assert params == SearchParams(
        q="sterile compounding",
        pay_min=Decimal("21.50"),
        posted_within=7,
        internship=True,
        zip="77030",
        radius=50,
        sort="pay",
        page=3,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"employment_type": "gig"}, "Unknown employment type “gig”."),
        ({"shift": "graveyard"}, "Unknown shift “graveyard”."),
        ({"pay_min": "NaN"}, "Minimum pay must be an hourly amount between 0 and 500."),
        ({"pay_min": "-1"}, "Minimum pay must be an hourly amount between 0 and 500."),
        ({"pay_min": "501"}, "Minimum pay must be an hourly amount between 0 and 500."),
        ({"posted_within": "2"}, "“Posted within” must be 1, 3, 7, 14 or 30 days."),
        ({"radius": "7"}, "The radius must be 5, 10, 25, 50 or 100 miles."),
        ({"sort": "cheapest"}, "Unknown sort “cheapest”."),
    ],
    ids=["type", "shift", "pay-nan", "pay-negative", "pay-high", "within", "radius", "sort"],
)
def test_a_bad_value_is_dropped_with_its_message_and_the_rest_kept(data, message):
    params, errors = search_params_parse({"q": "iv", **data})
    assert errors == [message]
    assert params == SearchParams(q="iv")


def test_lenient_values_are_cut_or_defaulted_without_a_message():
    params, errors = search_params_parse(
        {"q": "x" * 500, "zip": "77030-1234-99", "page": "0", "radius": "", "internship": "no"}
    )
    assert errors == []
    assert (len(params.q), params.zip, params.page, params.radius, params.internship) == (
        200,
        "77030-1234",
        1,
        25,
        False,
    )


@pytest.mark.django_db
def test_find_candidates_returns_typed_rows_on_this_database(board):  # noqa: F811
    origin = geo.zip_centroid("77030")
    box = geo.bounding_box(origin.latitude, origin.longitude, 25)
    filters = SearchFilters(
        live_at=timezone.now(), area=SearchArea(box=box, cells=tuple(geo.cells_for_box(box)))
    )
    found = find_candidates("technician", filters)
    assert {row.posting_id for row in found.rows} == {board["iv"].pk, board["retail"].pk}
    row = next(r for r in found.rows if r.posting_id == board["iv"].pk)
    assert isinstance(row, CandidateRow)
    assert isinstance(row.date_posted, datetime) and row.date_posted.tzinfo is not None
    assert abs(row.date_posted - board["iv"].date_posted) < timedelta(seconds=1)
    assert (row.pay_hourly_min, row.shift, row.kind) == (24.0, "night", "job")
    assert row.setting_id == board["iv"].practice_setting_id


@pytest.mark.django_db
def test_find_candidates_applies_each_typed_filter(board):  # noqa: F811
    now = timezone.now()
    everything = find_candidates("", SearchFilters(live_at=now))
    assert everything.ranked is False
    assert len(everything.rows) == 4
    night = find_candidates("", SearchFilters(live_at=now, shift="night"))
    assert [r.posting_id for r in night.rows] == [board["iv"].pk]
    paid = find_candidates("", SearchFilters(live_at=now, pay_min=20.0))
    assert all(r.pay_hourly_min is not None and r.pay_hourly_min >= 20 for r in paid.rows)
    assert board["retail"].pk not in {r.posting_id for r in paid.rows}
    cpht = board["iv"].credential_requirements.get(credential__code="ptcb-cpht").credential_id
    required = find_candidates("", SearchFilters(live_at=now, required_credential_ids=(cpht,)))
    assert board["iv"].pk in {r.posting_id for r in required.rows}
    assert board["retail"].pk not in {r.posting_id for r in required.rows}
