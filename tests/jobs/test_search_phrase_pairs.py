"""PostgreSQL answers phrases from the index: each posting's tsvector carries a lexeme per
pair of neighbouring words (migration 0009), and a phrase query asks for its pairs too.
These tests pin that this never changes which postings match, only how they are found."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from tests.jobs.test_search import board, search, titles  # noqa: F401 - board is a fixture

from rxguild.jobs.search import get_backend
from rxguild.jobs.search.postgres_fts import match_sql
from rxguild.jobs.search.query import parse_text
from rxguild.jobs.search.sql import FilterSQL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]

OLD_VECTOR = (
    "setweight(to_tsvector('english', coalesce(t.title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(t.doc, '')), 'D')"
)

# Words chosen to exercise the parser: stop words (gaps in positions), hyphenated compounds
# (one token and its parts), stems shared by different words, numbers, apostrophes and
# backslashes (pairs holding them are never asked for), a colon, repeats.
VOCABULARY = [
    "prior", "authorization", "authorizations", "the", "of", "and", "a", "cycle", "fill",
    "long-term", "care", "sterile", "compounding", "compound", "USP", "797", "<797>", "o'neil",
    "back\\slash", "IV", "room", "technician", "technicians", "pharmacy", "night", "shift",
    "a:b", "kits", "emergency", "to", "be", "on", "call", "third-party", "billing",
]  # fmt: skip


def _corpus(seed: int, documents: int) -> tuple[list[tuple[str, str]], list[str]]:
    rng = random.Random(seed)
    docs = []
    for _ in range(documents):
        title = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 4)))
        body = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 40)))
        docs.append((title, body))
    phrases = []
    for title, body in docs[:150]:
        words = f"{title} {body}".split()
        if len(words) >= 2:  # a phrase the posting holds (it may span title and body)
            start = rng.randrange(len(words) - 1)
            phrases.append(" ".join(words[start : start + rng.randint(2, 4)]))
        phrases.append(" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(2, 4))))
    return docs, phrases


def test_pairs_never_change_which_postings_hold_a_phrase(db):
    docs, phrases = _corpus(seed=797, documents=300)
    values = ", ".join(["(%s, %s, %s)"] * len(docs))
    params = [v for n, (title, doc) in enumerate(docs) for v in (n, title, doc)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE pair_docs AS SELECT t.n, "  # noqa: S608 - constant SQL
            f"rxguild_posting_vector(t.title, t.doc) AS new_v, {OLD_VECTOR} AS old_v "
            f"FROM (VALUES {values}) AS t(n, title, doc)",
            params,
        )
        compared = matched = 0
        for phrase in phrases:
            # As the search runs it: the member's text parsed, the condition of match_sql.
            parsed = parse_text(f'"{phrase}"')
            words = " ".join(parsed.phrases[0] if parsed.phrases else parsed.words)
            condition, params = match_sql(parsed, "new_v")
            cursor.execute(
                f"SELECT n, new_v @@ rxguild_phrase_tsquery('english', %s), "  # noqa: S608 - ours
                f"old_v @@ phraseto_tsquery('english', %s), {condition}, "
                f"old_v @@ phraseto_tsquery('english', %s) FROM pair_docs",
                [phrase, phrase, *params, words],
            )
            for n, new, old, searched, plain in cursor.fetchall():
                compared += 1
                matched += bool(old)
                if (new, searched) != (old, plain):
                    pytest.fail(
                        f"phrase {phrase!r} on document {docs[n]!r}: "
                        f"{new} != {old} or {searched} != {plain}"
                    )
    assert compared == len(phrases) * len(docs)
    assert matched > 500  # the corpus really exercises matching phrases


def test_a_phrase_query_asks_the_index_for_its_word_pairs(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rxguild_phrase_tsquery('english', 'prior authorization')::text, "
            "rxguild_phrase_tsquery('english', 'cycle of fill')::text, "
            "rxguild_phrase_tsquery('english', 'sterile compounding room')::text, "
            "rxguild_phrase_tsquery('english', 'the')::text, "
            "rxguild_phrase_pairs('english', 'pharmacy')"
        )
        prior, cycle, three, stop_only, single = cursor.fetchone()
    # Two adjacent words are exactly their pair: no phrase left to recheck on the row.
    assert prior == "'prior author'"
    # A stop word matches any word in its place: no pair across it (the phrase alone).
    assert cycle == "'cycl' <2> 'fill'"
    # Three words may hold their pairs apart: the phrase stays, the pairs narrow it.
    assert three == "'steril' <-> 'compound' <-> 'room' & 'compound room' & 'steril compound'"
    assert (stop_only, single) == ("", None)


def test_posting_vectors_carry_the_pairs_and_rank_as_before(board):  # noqa: F811
    # IV Room Technician (board fixture) is written with "sterile compounding".
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text, "
            "ts_rank_cd(search_vector, phraseto_tsquery('english', 'sterile compounding')), "
            "ts_rank_cd(setweight(to_tsvector('english', title), 'A') || "
            "setweight(to_tsvector('english', search_document), 'D'), "
            "phraseto_tsquery('english', 'sterile compounding')) "
            "FROM jobs_jobposting WHERE id = %s",
            [board["iv"].id],
        )
        vector, rank, rank_without_pairs = cursor.fetchone()
    assert "'steril compound'" in vector
    assert rank == pytest.approx(rank_without_pairs) and rank > 0
    result = search(q='"sterile compounding"')
    assert "IV Room Technician" in titles(result)
    assert result.hits[0].posting.title == "IV Room Technician"


def test_geo_text_index_serves_cells_facets_and_phrase_pairs_together(board):  # noqa: F811
    filters = FilterSQL(
        "p.status = 'published' AND p.geo_cell IN (%s) AND p.practice_setting_id = %s "
        "AND p.shift = %s",
        [board["iv"].geo_cell, board["iv"].practice_setting_id, board["iv"].shift],
    )
    sql, params = get_backend().filtered_sql(
        parse_text('"sterile compounding"'), filters, "p.title"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # A few rows: any index would do. Without the others (dropped inside the test's
        # transaction, so rolled back) the plan shows what the GIN index can answer.
        for other in (
            "jobs_geo_cover_id",
            "jobs_status_valid",
            "jobs_status_posted",
            "jobs_jobposting_practice_setting_id_ea6b5628",
        ):
            cursor.execute(f"DROP INDEX {other}")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    index_cond = plan.split("Bitmap Index Scan on jobs_geo_text_gin")[1]
    assert "geo_cell = " in index_cond and "search_vector @@" in index_cond
    # The planner puts a facet in the index condition when it pays (cost-based: on four
    # rows it takes one of the two); either way the index holds them.
    assert "practice_setting_id = " in index_cond or "shift)::text = " in index_cond
    assert "'steril compound'" in index_cond
    assert [row[2] for row in rows] == ["IV Room Technician"]


def test_a_phrase_is_bounded_by_its_pairs_estimate(board, monkeypatch):  # noqa: F811
    from rxguild.jobs.search import postgres_fts

    asked: list[str] = []
    estimate = postgres_fts._estimate_rows

    def spy(sql, params):
        asked.append(sql)
        return estimate(sql, params)

    monkeypatch.setattr(postgres_fts, "_estimate_rows", spy)
    backend = get_backend()
    first = backend.estimate_phrase(("sterile", "compounding"))
    assert backend.estimate_phrase(("sterile", "compounding")) == first  # asked once
    assert len(asked) == 1 and "rxguild_phrase_pairs('english', %s)" in asked[0]


@pytest.mark.parametrize(
    ("document", "found"),
    [
        ("Long term care pharmacy", True),
        ("long-term care", True),  # the parser's compound and its parts, in order
        ("Long term pay, and term care", False),  # both pairs, apart: not the phrase
        ("care term long", False),
    ],
)
def test_a_longer_phrase_is_checked_in_order_on_the_rows_its_pairs_find(db, document, found):
    condition, params = match_sql(parse_text('"long term care"'), "d.v")
    assert "rxguild_has_phrase(d.v" in condition
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH d(v) AS (SELECT rxguild_posting_vector('', %s)) SELECT {condition} FROM d",  # noqa: S608 - ours
            [document, *params],
        )
        assert cursor.fetchone()[0] is found
