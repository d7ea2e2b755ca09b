"""The search's SQL: the filters as a WHERE fragment, the candidate columns, and the query
that applies the per-posting filters last. Shared by both backends; nothing outside the
search package builds or reads these fragments (see search.query for the typed boundary).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.utils.dateparse import parse_datetime

from rxguild.jobs.search.query import CandidateRow, SearchFilters

# The candidate columns after (id, score), in CandidateRow's order.
COLUMNS = (
    "p.latitude, p.longitude, p.date_posted, p.pay_hourly_min, p.practice_setting_id, "
    "p.employment_type, p.shift, p.kind"
)


@dataclass(frozen=True)
class FilterSQL:
    """A WHERE fragment over the postings table aliased `p`, with its parameters.

    `late` holds the filters that probe another table once per posting (a required
    credential: an index look-up in jobs_postingcredential each). The candidate queries
    apply them last, after the column filters and the text have narrowed the set: on a
    broad term with a radius that is a few hundred probes instead of several thousand.
    Each is a template with `{posting_id}` for the SQL expression naming the posting's id.
    """

    where: str
    params: Sequence[Any]
    late: tuple[str, ...] = ()
    late_params: Sequence[Any] = ()

    def late_where(self, posting_id: str) -> str:
        """The late filters for postings whose id is `posting_id` ("1 = 1" when none)."""
        return " AND ".join(t.format(posting_id=posting_id) for t in self.late) or "1 = 1"

    def all_where(self) -> str:
        """Every filter in one fragment over `p`, late ones included."""
        return f"{self.where} AND {self.late_where('p.id')}"

    @property
    def all_params(self) -> list[Any]:
        return [*self.params, *self.late_params]


_CREDENTIAL_PROBE = (
    "EXISTS (SELECT 1 FROM jobs_postingcredential pc WHERE pc.posting_id = {posting_id} "
    "AND pc.credential_id"
)


def filter_sql(filters: SearchFilters) -> FilterSQL:
    """The filters as SQL for the database in use."""
    adapt = connection.ops.adapt_datetimefield_value  # the backend's own datetime format
    where = ["p.status = 'published'", "p.valid_through > %s"]
    params: list[Any] = [adapt(filters.live_at)]
    if filters.setting_id is not None:
        # The column is a bigint: an integer parameter would compare across types, which
        # PostgreSQL's GIN index (cell, facets, text; jobs 0009) cannot serve.
        where.append("p.practice_setting_id = CAST(%s AS bigint)")
        params.append(filters.setting_id)
    if filters.employment_type:
        where.append("p.employment_type = %s")
        params.append(filters.employment_type)
    if filters.shift:
        where.append("p.shift = %s")
        params.append(filters.shift)
    if filters.pay_min is not None:
        where.append("p.pay_hourly_min >= %s")
        params.append(filters.pay_min)
    if filters.posted_since is not None:
        where.append("p.date_posted >= %s")
        params.append(adapt(filters.posted_since))
    if filters.internships_only:
        where.append("p.kind <> 'job'")
    if filters.area is not None:
        box = filters.area.box
        where.append(
            f"p.geo_cell IN ({','.join(['%s'] * len(filters.area.cells))}) "
            "AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s"
        )
        params += [*filters.area.cells, box.min_latitude, box.max_latitude]
        params += [box.min_longitude, box.max_longitude]
        if connection.vendor == "sqlite":
            # With a radius, the grid-cell index is the one to read. SQLite's planner prefers
            # the status/date and latitude indexes (which scan a whole band of the country);
            # a unary plus is SQLite's documented way to take a term out of index selection.
            where = [
                re.sub(r"^p\.(?!geo_cell)", "+p.", clause)
                .replace("AND p.latitude", "AND +p.latitude")
                .replace("AND p.longitude", "AND +p.longitude")
                for clause in where
            ]
    late: tuple[str, ...] = ()
    late_params: list[Any] = []
    if filters.required_credential_ids:
        ids = filters.required_credential_ids
        # One id stays an equality, the probe the plans (and their tests) are built around.
        match = "= %s" if len(ids) == 1 else f"IN ({', '.join(['%s'] * len(ids))})"
        late = (f"{_CREDENTIAL_PROBE} {match} AND pc.required)",)
        late_params.extend(ids)
    return FilterSQL(" AND ".join(where), params, late, late_params)


def candidate_rows(rows: Sequence[Sequence[Any]]) -> list[CandidateRow]:
    """Raw (id, score, *COLUMNS) rows as CandidateRow, the same on both databases."""
    return [
        CandidateRow(
            posting_id=int(row[0]),
            score=float(row[1]),
            latitude=row[2],
            longitude=row[3],
            date_posted=_as_datetime(row[4]),
            pay_hourly_min=float(row[5]) if row[5] is not None else None,
            setting_id=row[6],
            employment_type=row[7],
            shift=row[8] or "",
            kind=row[9],
        )
        for row in rows
    ]


def _as_datetime(value: Any) -> datetime | None:
    # PostgreSQL returns an aware datetime; SQLite a naive one in UTC (or text, for a column
    # whose declared type it does not know): aware UTC either way, so rows sort together.
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


# Late filters (FilterSQL.late) run on at most this many times `cap` candidates, the first
# in the result's order; only if too few of those pass does the query run on all of them.
LATE_WINDOW = 3


def fetch_with_late_filters(
    inner: str, inner_params: Sequence[Any], order: str, filters: FilterSQL, cap: int
) -> list[tuple]:
    """The first `cap` rows of `inner`, in `order`, that pass the late filters.

    `inner` selects (cid, score, columns...) with every filter but the late ones and no
    ORDER BY; `order` names its output columns ("date_posted DESC, cid DESC"). A required
    credential passes about one posting in three, so the late filters usually need only
    the first LATE_WINDOW * cap rows: each probe is an index look-up, and a broad term or
    a browse in a big metro can have ten thousand rows to sort but not to probe.
    """
    with connection.cursor() as cursor:
        if not filters.late:
            cursor.execute(f"{inner} ORDER BY {order} LIMIT %s", [*inner_params, cap])
            return cursor.fetchall()
        sql, params = late_window_sql(inner, inner_params, order, filters, cap)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if len(rows) >= cap or (rows and rows[0][-1] < cap * LATE_WINDOW):
            return [row[:-1] for row in rows]
        # Too few passed in a full window (or none passed): every candidate, probed.
        cursor.execute(
            f"SELECT c.* FROM ({inner}) AS c WHERE {filters.late_where('c.cid')} "  # noqa: S608 - fragments are ours; values are parameters
            f"ORDER BY {order} LIMIT %s",
            [*inner_params, *filters.late_params, cap],
        )
        return cursor.fetchall()


def late_window_sql(
    inner: str, inner_params: Sequence[Any], order: str, filters: FilterSQL, cap: int
) -> tuple[str, list[Any]]:
    """The windowed query of fetch_with_late_filters: the first LATE_WINDOW * cap rows of
    `inner`, materialized, then the late filters; each row ends with the window's size."""
    sql = (
        f"WITH c AS MATERIALIZED ({inner} ORDER BY {order} LIMIT %s) "  # noqa: S608 - fragments are ours; values are parameters
        f"SELECT c.*, (SELECT count(*) FROM c) FROM c WHERE {filters.late_where('c.cid')} "
        f"ORDER BY {order} LIMIT %s"
    )
    return sql, [*inner_params, cap * LATE_WINDOW, *filters.late_params, cap]


def browse_rows(filters: FilterSQL, cap: int) -> list[tuple]:
    """No text: the newest `cap` live postings passing the filters."""
    inner = (
        f"SELECT p.id AS cid, 0.0 AS cscore, {COLUMNS} FROM jobs_jobposting AS p "  # noqa: S608 - fragments are ours; values are parameters
        f"WHERE {filters.where}"
    )
    return fetch_with_late_filters(
        inner, filters.params, "date_posted DESC, cid DESC", filters, cap
    )
