"""Saved searches named before searches were named in words kept the old default, the query
string with "&" as " · " ("q=iv · credential=ptcb-cpht"). Those still carrying exactly that
name get the name a new search gets (`saved_search_default_name`); any name the member chose or
changed is left alone. "All jobs" (the old default for no filters) is words already and stays.
"""

from django.db import migrations


def _old_default_name(query_string: str) -> str:
    return query_string.replace("&", " · ")[:120] or "All jobs"


def rename_code_style_names(apps, schema_editor):
    from rxguild.jobs.alerts.services import saved_search_default_name
    from rxguild.jobs.selectors import catalog_refs_read

    SavedSearch = apps.get_model("jobs", "SavedSearch")
    refs = None
    for search in SavedSearch.objects.exclude(query_string="").only("id", "name", "query_string"):
        if search.name != _old_default_name(search.query_string):
            continue
        if refs is None:
            refs = catalog_refs_read(
                apps.get_model("catalog", "Credential"), apps.get_model("catalog", "PracticeSetting")
            )
        name = saved_search_default_name(search.query_string, refs=refs)
        SavedSearch.objects.filter(pk=search.pk).update(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_credential_url_length"),
        ("jobs", "0011_posting_location_precision_unpaid"),
    ]

    # Backwards there is nothing to undo: the old names were never the member's own words.
    operations = [migrations.RunPython(rename_code_style_names, migrations.RunPython.noop)]
