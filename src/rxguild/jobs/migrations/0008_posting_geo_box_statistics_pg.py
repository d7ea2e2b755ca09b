# Written by hand: PostgreSQL-only extended statistics.

from django.db import migrations

# A radius filter is "geo_cell IN (cells) AND latitude BETWEEN .. AND longitude BETWEEN ..":
# three conditions the planner takes as independent, when the box and the cells are nearly
# the same set. It then expects a handful of postings where a metro has tens of thousands,
# and reads each candidate's row to check the text (126 ms instead of 24 ms measured at
# 1,000,000 postings). Multivariate statistics (most common value combinations) give it
# the true share; ANALYZE fills them.
PG_STATS = (
    "CREATE STATISTICS IF NOT EXISTS jobs_geo_box_stats (mcv, dependencies) "
    "ON geo_cell, latitude, longitude FROM jobs_jobposting"
)


def create_stats(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_STATS)


def drop_stats(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS jobs_geo_box_stats")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0007_postingcredential_cover_pg"),
    ]

    operations = [migrations.RunPython(create_stats, drop_stats)]
