# Written by hand: PostgreSQL-only search functions and index.

from django.db import migrations

# Phrases answered by the index. A phrase ("prior authorization") is a tsquery whose word
# order GIN cannot check: the index yields every posting holding both words and each row
# is read and rechecked. In a dense metro with a facet that excludes the phrase that was
# 25,000 rows read to find none (287 ms at 1,000,000 postings). So each posting's tsvector
# also carries one extra lexeme per pair of words in adjacent positions, "prior author"
# (to_tsvector never puts a space in a lexeme, so these cannot collide with a word), and a
# phrase query asks for its pairs as well: the index then finds exactly the postings holding
# every pair, and only those rows are rechecked for the whole phrase (a phrase of three
# words or more may hold its pairs apart). Only adjacent positions: a stop word inside a
# phrase ("cycle of fill": 'cycl' <2> 'fill') matches any word there, so a pair across it
# could be missing from a posting that holds the phrase. The pairs carry no positions
# and ranking uses the phrase alone (postgres_fts.rank_tsquery_sql), so relevance is as
# before. Both functions are IMMUTABLE: the planner folds a phrase's query into a constant
# and estimates it from the statistics on the pair lexemes.
PAIRS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rxguild_lexeme_pairs(doc tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT lexeme || ' ' || next)), ''::tsvector)
  FROM (
    SELECT lexeme, pos, lead(lexeme) OVER w AS next, lead(pos) OVER w AS next_pos
    FROM (SELECT e.lexeme, p.pos FROM unnest(doc) AS e, unnest(e.positions) AS p(pos)) AS t
    WINDOW w AS (ORDER BY pos, lexeme)
  ) AS s
  WHERE next_pos = pos + 1
$$
"""

# The pairs of a phrase as a tsquery ANDing them, or NULL when the phrase has fewer than two
# words left after stop words. A pair holding a quote or a backslash is left out rather than
# escaped (the phrase itself still checks those words): the query only ever asks for fewer
# pairs than the posting carries, never for one it could lack.
PHRASE_PAIRS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rxguild_phrase_pairs(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT string_agg('''' || lexeme || '''', ' & ')::tsquery
  FROM unnest(rxguild_lexeme_pairs(to_tsvector(config, phrase)))
  WHERE lexeme !~ '[''\\]'
$$
"""

# A phrase of two words in adjacent positions is exactly its pair: the query is the pair
# lexeme alone, which the index answers without reading a row to recheck, and which the
# planner estimates from the pair's own frequency (a phrase and its pair ANDed would be
# estimated as three independent words: 600 postings where 47,000 match, and a plan to
# match). Longer phrases, or phrases with a stop word inside, keep the phrase and add
# whatever pairs they have.
PHRASE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rxguild_phrase_tsquery(config regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN pairs IS NULL THEN phraseto_tsquery(config, phrase)
              WHEN positions = 2 THEN pairs
              ELSE phraseto_tsquery(config, phrase) && pairs END
  FROM (
    SELECT rxguild_phrase_pairs(config, phrase) AS pairs,
           (SELECT count(*) FROM unnest(to_tsvector(config, phrase)) AS e,
                                 unnest(e.positions) AS p) AS positions
  ) AS s
$$
"""

# The word order of a phrase of three words or more, checked on the rows the index found by
# the phrase's pairs. PL/pgSQL, so the planner cannot inline it and estimates the phrase by
# its pairs alone (search/postgres_fts.match_sql).
HAS_PHRASE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rxguild_has_phrase(doc tsvector, phrase tsquery) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN doc @@ phrase;
END
$$
"""

# A posting's searchable text: title (weight A) and the rest (D), then the pairs.
VECTOR_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rxguild_posting_vector(title text, document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v || rxguild_lexeme_pairs(v)
  FROM (SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
               || setweight(to_tsvector('english', coalesce(document, '')), 'D') AS v) AS s
$$
"""

OLD_VECTOR_SQL = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_document, '')), 'D')"
)

# The grid-cell text index also holds the equality facets, so "a phrase in this metro, in
# retail" is one index look-up that intersects all of them, and only postings passing
# every one are read (btree_gin: migration 0006). It replaces the plain GIN index on the
# tsvector (0001), which it serves as well (a multicolumn GIN index answers a condition
# on any of its columns; every text query names status = 'published', its predicate):
# with both, the planner took the plain one for the word and ANDed it with the grid-cell
# btree, a bitmap of 111,000 postings for "radiopharmaceutical" that turned lossy (123 ms,
# against 18 ms for the cells, facet and word looked up together).
PG_GIN = "CREATE INDEX jobs_search_vector_gin ON jobs_jobposting USING gin (search_vector)"
NEW_GEO_TEXT_GIN = (
    "CREATE INDEX jobs_geo_text_gin ON jobs_jobposting USING gin "
    "(geo_cell, practice_setting_id, employment_type, shift, search_vector) "
    "WHERE status = 'published'"
)
OLD_GEO_TEXT_GIN = (
    "CREATE INDEX jobs_geo_text_gin ON jobs_jobposting "
    "USING gin (geo_cell, search_vector) WHERE status = 'published'"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (
        PAIRS_FUNCTION,
        PHRASE_PAIRS_FUNCTION,
        PHRASE_FUNCTION,
        HAS_PHRASE_FUNCTION,
        VECTOR_FUNCTION,
    ):
        schema_editor.execute(sql)
    # Re-index live postings once, without the GIN indexes (the new one built after: far
    # faster than updating an index row by row on a big board, 12 s against over 10 minutes
    # for 1,000,000 postings).
    _drop_text_indexes(schema_editor)
    schema_editor.execute(
        "UPDATE jobs_jobposting SET search_vector = rxguild_posting_vector(title, search_document) "
        "WHERE status = 'published'"
    )
    schema_editor.execute(NEW_GEO_TEXT_GIN)


def _drop_text_indexes(schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS jobs_geo_text_gin")
    schema_editor.execute("DROP INDEX IF EXISTS jobs_search_vector_gin")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _drop_text_indexes(schema_editor)
    schema_editor.execute(
        f"UPDATE jobs_jobposting SET search_vector = {OLD_VECTOR_SQL} "  # noqa: S608 - constant SQL
        "WHERE status = 'published'"
    )
    schema_editor.execute(PG_GIN)
    schema_editor.execute(OLD_GEO_TEXT_GIN)
    for name in (
        "rxguild_posting_vector(text, text)",
        "rxguild_has_phrase(tsvector, tsquery)",
        "rxguild_phrase_tsquery(regconfig, text)",
        "rxguild_phrase_pairs(regconfig, text)",
        "rxguild_lexeme_pairs(tsvector)",
    ):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0008_posting_geo_box_statistics_pg"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
