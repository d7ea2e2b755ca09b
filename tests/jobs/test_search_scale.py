"""What keeps search fast on a big board, on both databases: late filters (a required
credential) run after the text and the column filters, on a bounded window, with a full
re-run when too few pass; the plans use the intended indexes; on PostgreSQL, the planner's
estimates decide broad vs selective and near-universal terms once the board is big."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from tests.jobs.test_search import board, search, titles  # noqa: F401 - board is a fixture

from rxguild.jobs.search import base as search_base
from rxguild.jobs.search import get_backend
from rxguild.jobs.search import sql as search_sql
from rxguild.jobs.search.query import parse_text
from rxguild.jobs.search.sql import FilterSQL

pytestmark = pytest.mark.django_db

CREDENTIAL_LATE = (
    "EXISTS (SELECT 1 FROM jobs_postingcredential pc WHERE pc.posting_id = {posting_id} "
    "AND pc.credential_id = %s AND pc.required)"
)


def test_a_full_window_with_too_few_passing_reruns_on_every_candidate(board, monkeypatch):  # noqa: F811
    # "technician" is broad with a cap of one; with a radius the filtered strategy takes
    # the newest match in Houston first (retail), which does not require the CPhT.
    monkeypatch.setattr("rxguild.jobs.selectors.search.DEFAULT_CAP", 1)
    monkeypatch.setattr("rxguild.jobs.search.sql.LATE_WINDOW", 1)
    result = search(q="technician", zip="77030", radius="25", credential="ptcb-cpht")
    assert (titles(result), result.total) == (["IV Room Technician"], 1)


def test_late_filters_give_the_same_results_as_filtering_in_one_query(board, monkeypatch):  # noqa: F811
    wanted = {
        "q": "technician",
        "zip": "77030",
        "radius": "25",
        "credential": "state-tx-technician",
    }
    before = titles(search(sort="date", **wanted))
    monkeypatch.setattr("rxguild.jobs.search.sql.LATE_WINDOW", 1)
    monkeypatch.setattr("rxguild.jobs.selectors.search.DEFAULT_CAP", 2)
    assert titles(search(sort="date", **wanted)) == before
    assert before == ["IV Room Technician", "Retail Pharmacy Technician"]
    # Browsing (no text) takes the same path.
    assert titles(search(sort="date", zip="77030", radius="25", credential="ptcb-cpht")) == [
        "IV Room Technician"
    ]


def test_broad_term_with_a_radius_keeps_the_newest_match(board, monkeypatch):  # noqa: F811
    monkeypatch.setattr("rxguild.jobs.selectors.search.DEFAULT_CAP", 1)
    result = search(q="sterile", zip="77030", radius="25")
    assert (titles(result), result.total_is_capped) == (["Retail Pharmacy Technician"], True)


def _late_filters(board_fixture) -> FilterSQL:
    return FilterSQL(
        "p.status = 'published' AND p.geo_cell IN (%s)",
        [board_fixture["iv"].geo_cell],
        (CREDENTIAL_LATE,),
        [board_fixture["iv"].credential_requirements.first().credential_id],
    )


def _vacuum_analyze() -> None:
    """Fresh statistics and no dead pages before a PostgreSQL plan is asserted on.

    Rows that earlier tests wrote and rolled back leave dead tuples in these tables; the
    pages they fill change the planner's costs, so on a shared test database the plan
    would depend on which tests ran before. VACUUM needs autocommit, hence the
    transactional tests below."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE jobs_jobposting")
        cursor.execute("VACUUM ANALYZE jobs_postingcredential")


@pytest.mark.django_db(transaction=True)
def test_filtered_plan_probes_credentials_only_after_the_text(board):  # noqa: F811
    _vacuum_analyze()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = get_backend().explain(
            parse_text("technician"), _late_filters(board), "p.title", 2, "filtered"
        )
    if connection.vendor == "sqlite":
        lines = plan.splitlines()
        # The grid-cell index and the FTS5 doclist build the candidates (MATERIALIZE f);
        # the credential probe is a subquery over the window c, after both.
        materialize_f = next(i for i, line in enumerate(lines) if "MATERIALIZE f" in line)
        scan_c = next(i for i, line in enumerate(lines) if line.endswith("SCAN c"))
        assert re.search(r"SEARCH p USING (COVERING )?INDEX jobs_geo_cover_id", plan)
        assert re.search(r"SCAN jobs_posting_fts VIRTUAL TABLE INDEX \d+:M", plan)
        assert materialize_f < scan_c
        assert "SEARCH pc USING" in "\n".join(lines[scan_c:])
        assert "SCAN p\n" not in plan + "\n"
    else:
        # The window CTE c holds the newest postings in the cells that match, read by
        # the grid-cell or a full-text index; the credential probe runs on c alone.
        lines = plan.splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip() == "CTE c")
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  ->"))
        cte, after = "\n".join(lines[start:end]), "\n".join(lines[end:])
        assert re.search(r"jobs_geo_cover_id|jobs_geo_text_gin", cte)
        assert "search_vector @@" in cte
        assert "jobs_postingcredential" not in cte
        assert "CTE Scan on c" in after and "jobs_postingcredential" in after
        assert "Seq Scan" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plan")
@pytest.mark.django_db(transaction=True)
def test_postgres_walk_reads_the_covering_grid_index_and_probes_by_primary_key(board):  # noqa: F811
    _vacuum_analyze()
    backend = get_backend()
    sql, params = backend.walk_sql(parse_text("technician"), _late_filters(board), "p.title", 2)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    cte = plan.split("CTE f")[1].split("->  Nested Loop")[0]
    # The filtered postings come from the covering index (with `id` in it, an index-only
    # scan once the visibility map is set); the credential is probed, then each row is
    # read by primary key for the text, in nested loops (no hash join: they stop early).
    assert re.search(r"Index (Only )?Scan using jobs_geo_cover_id", cte)
    assert "jobs_geo_text_gin" not in cte
    assert "Index Scan using jobs_jobposting_pkey on jobs_jobposting p" in plan
    assert "search_vector @@" in plan.split("jobs_jobposting_pkey")[1]
    assert plan.index("jobs_postingcredential") < plan.index("jobs_jobposting_pkey")
    assert "Hash" not in plan
    assert "Seq Scan" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plan")
def test_postgres_geo_text_index_serves_cells_and_words_together(board):  # noqa: F811
    backend = get_backend()
    filters = FilterSQL("p.status = 'published' AND p.geo_cell IN (%s)", [board["iv"].geo_cell])
    sql, params = backend.filtered_sql(parse_text("sterile"), filters, "p.title")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # Four rows: any index would do. Without the others (dropped inside the test's
        # transaction, so rolled back) the plan shows what the GIN index can answer.
        for other in ("jobs_geo_cover_id", "jobs_status_valid"):
            cursor.execute(f"DROP INDEX {other}")
        cursor.execute("DROP INDEX jobs_status_posted")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on jobs_geo_text_gin" in plan
    index_cond = plan.split("Bitmap Index Scan on jobs_geo_text_gin")[1]
    assert "geo_cell = " in index_cond and "search_vector @@" in index_cond


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL estimates")
def test_postgres_uses_the_planners_estimates_on_a_big_board(board, monkeypatch):  # noqa: F811
    from rxguild.jobs.search import postgres_fts

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_jobposting")
    monkeypatch.setattr(postgres_fts, "ESTIMATE_ABOVE", -10)
    monkeypatch.setattr(postgres_fts, "_postings_estimate", {})
    backend = get_backend()
    assert backend.estimated_indexed() == pytest.approx(4, abs=1)
    # "technician" is in all four postings: left out by its estimated share, without
    # counting matches (MIN_SAMPLE would otherwise keep a four-posting board exact).
    assert backend.near_universal_terms(parse_text("technician sterile")) == ("technician",)
    monkeypatch.setattr("rxguild.jobs.selectors.search.DEFAULT_CAP", 1)
    result = search(q="technician sterile")
    assert result.ignored_terms == ("technician",)
    assert result.total_is_capped is True
    # A term in more than WALK_SHARE of the postings (here: any) with a radius is walked
    # newest first.
    monkeypatch.setattr(postgres_fts, "WALK_SHARE", 0)
    walked = search(q="sterile", zip="77030", radius="25")
    assert (titles(walked), walked.total_is_capped) == (["Retail Pharmacy Technician"], True)


def test_indexes_after_the_migrations(db):
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "jobs_jobposting"))
        credential_names = set(
            connection.introspection.get_constraints(cursor, "jobs_postingcredential")
        )
    # Radius search reads jobs_geo_cover_id; the latitude/longitude index was never used.
    assert "jobs_lat_lon" not in names
    assert "jobs_geo_cover" not in names
    assert "jobs_geo_cover_id" in names
    if connection.vendor == "postgresql":
        # The cell/facet/text GIN index (0009) replaced the plain one on the tsvector.
        assert "jobs_geo_text_gin" in names
        assert "jobs_search_vector_gin" not in names
        assert "jobs_cred_posting_cover" in credential_names
        with connection.cursor() as cursor:
            cursor.execute("SELECT stxname FROM pg_statistic_ext")
            assert "jobs_geo_box_stats" in {row[0] for row in cursor.fetchall()}
    else:
        assert "jobs_cred_posting_cover" not in credential_names


def test_late_window_default_is_documented():
    assert search_sql.LATE_WINDOW == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL estimates")
@pytest.mark.parametrize("factor", [1, 4, 1000])
@pytest.mark.parametrize("cap", [1, 2, 10])
@pytest.mark.parametrize(
    ("text", "late"),
    [("technician", False), ("technician", True), ('"sterile compounding"', False)],
)
def test_postgres_stream_window_gives_the_newest_matches_as_without_it(
    board,  # noqa: F811
    monkeypatch,
    factor,
    cap,
    text,
    late,
):
    """A broad term with no radius is looked for among the newest postings first: whether
    the window holds enough matches (factor 1000), too few (factor 1: only the newest
    posting, which a required credential filters out) or is skipped, the rows are those
    of the plain query."""
    from rxguild.jobs.search import postgres_fts

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_jobposting")
    monkeypatch.setattr(postgres_fts, "ESTIMATE_ABOVE", -10)
    monkeypatch.setattr(postgres_fts, "_postings_estimate", {})
    monkeypatch.setattr(postgres_fts, "STREAM_WINDOW_FACTOR", factor)
    filters = FilterSQL(
        "p.status = 'published'",
        [],
        (CREDENTIAL_LATE,) if late else (),
        [board["iv"].credential_requirements.first().credential_id] if late else [],
    )
    backend = get_backend()
    query = parse_text(text)
    windowed = backend.stream_rows(query, filters, "p.title", cap)
    plain = search_base.SearchBackend.stream_rows(backend, query, filters, "p.title", cap)
    assert windowed == plain
    assert windowed  # every case has a match


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL setting")
def test_postgres_sessions_do_not_jit_compile(db):
    # settings.POSTGRES_OPTIONS: a search costed above jit_above_cost spent 55 ms compiling.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
