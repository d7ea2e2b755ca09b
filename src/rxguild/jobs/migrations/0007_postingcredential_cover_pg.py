# Written by hand: a PostgreSQL-only covering index.

from django.db import migrations

# The required-credential filter probes jobs_postingcredential once per candidate
# (selectors.job_search, a "late" filter). With every column it reads in the index the
# probe is an index-only scan; the unique (posting, credential) index would also read the
# row for `required`. SQLite's planner keeps to the unique index, so it gets none.
PG_COVER = (
    "CREATE INDEX IF NOT EXISTS jobs_cred_posting_cover "
    "ON jobs_postingcredential (posting_id, credential_id, required)"
)


def create_cover(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_COVER)


def drop_cover(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS jobs_cred_posting_cover")


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0006_posting_geo_cover_id_geo_text_gin"),
    ]

    operations = [migrations.RunPython(create_cover, drop_cover)]
