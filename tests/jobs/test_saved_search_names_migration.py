"""Migration jobs 0012 on a populated database (SQLite and PostgreSQL alike): saved searches
still named with the old default (the query string, "&" as " · ") get the name a new search
gets; names members chose, or changed, stay as they are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from tests.jobs.factories import UserFactory, make_catalog

from rxguild.jobs.alerts.services import saved_search_create, saved_search_default_name
from rxguild.jobs.models import SavedSearch

BEFORE = [("jobs", "0011_posting_location_precision_unpaid")]


@pytest.mark.django_db(transaction=True)
def test_old_default_names_become_words_and_chosen_names_stay():
    make_catalog()
    member = UserFactory()
    other = UserFactory()
    old_style = {
        "q=iv&credential=ptcb-cpht&zip=77030&radius=25": "“iv” CPhT jobs within 25 mi of 77030",
        "setting=hospital&shift=night": "Hospital night shift jobs",
        "internship=1&credential=state-tx-technician": "TX RPhT internships and externships",
    }
    ids = {}
    for query_string in old_style:
        # Created as the old code did: no name typed, so the query string with " · ".
        search = SavedSearch.objects.create(
            member=member, name=query_string.replace("&", " · "), query_string=query_string
        )
        ids[query_string] = search.pk
    chosen = SavedSearch.objects.create(
        member=member, name="Night IV jobs near me", query_string="q=iv&shift=night"
    )
    # The member edited the old name: it is theirs now, even though it still looks like code.
    edited = SavedSearch.objects.create(
        member=other, name="q=iv · mine", query_string="q=iv&shift=night"
    )
    everything = SavedSearch.objects.create(member=other, name="All jobs", query_string="")
    new_style = saved_search_create(member=other, name="", query_string="q=cspt&setting=hospital")
    assert new_style.name == "“cspt” Hospital jobs"
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    for query_string, expected in old_style.items():
        name = SavedSearch.objects.get(pk=ids[query_string]).name
        assert name == expected
        assert name == saved_search_default_name(query_string)
    assert SavedSearch.objects.get(pk=chosen.pk).name == "Night IV jobs near me"
    assert SavedSearch.objects.get(pk=edited.pk).name == "q=iv · mine"
    assert SavedSearch.objects.get(pk=everything.pk).name == "All jobs"
    assert SavedSearch.objects.get(pk=new_style.pk).name == "“cspt” Hospital jobs"
    assert SavedSearch.objects.count() == 7
    assert SavedSearch.objects.filter(member=member).count() == 4
