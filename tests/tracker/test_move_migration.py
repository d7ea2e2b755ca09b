"""The tracker's models moved from jobs to tracker without moving a row: on a populated database
(SQLite and PostgreSQL alike), migrating back to before the move and forward again keeps every
row, its id and its links, and the content types follow the models."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from tests.tracker.factories import PostingFactory

from rxguild.tracker.models import (
    ApplicationContact,
    ApplicationEvent,
    InformationalInterview,
    TrackedApplication,
)
from rxguild.tracker.services import applications as application_services
from rxguild.tracker.services import interviews as interview_services

BEFORE_MOVE = [("jobs", "0009_posting_phrase_pairs_pg"), ("tracker", None)]
MOVED = ["trackedapplication", "applicationevent", "applicationcontact", "informationalinterview"]


def _populate(member, employer) -> dict[str, object]:
    posting = PostingFactory(employer=employer, title="IV Room Technician")
    tracked = application_services.tracked_application_track_posting(member=member, posting=posting)
    application_services.application_contact_add(
        application=tracked, name="Dana Ortiz", role="Pharmacy manager", email="dana@example.org"
    )
    outside = application_services.tracked_application_add_external(
        member=member,
        title="Compounding Technician",
        organization="Rivera Pharmacy",
        external_url="https://careers.example.com/rivera",
    )
    interview_services.informational_interview_add(
        member=member,
        person_name="Sam Lee",
        person_role="CSPT",
        organization="Lone Star Health",
        held_on=date(2026, 11, 20),
    )
    return {
        "tracked": tracked.pk,
        "outside": outside.pk,
        "events": sorted(ApplicationEvent.objects.values_list("pk", "application_id", "kind")),
        "contacts": sorted(ApplicationContact.objects.values_list("pk", "application_id", "name")),
        "interviews": sorted(InformationalInterview.objects.values_list("pk", "person_name")),
        "content_types": {
            name: ContentType.objects.get(app_label="tracker", model=name).pk for name in MOVED
        },
    }


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_back_before_the_move_and_forward_again_keeps_every_row(member, employer):
    expected = _populate(member, employer)
    latest = _latest()

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_MOVE[:1]).apps
    OldApplication = old_apps.get_model("jobs", "TrackedApplication")
    OldEvent = old_apps.get_model("jobs", "ApplicationEvent")
    assert sorted(OldApplication.objects.values_list("pk", flat=True)) == sorted(
        [expected["tracked"], expected["outside"]]
    )
    assert (
        sorted(OldEvent.objects.values_list("pk", "application_id", "kind")) == expected["events"]
    )
    assert ContentType.objects.filter(app_label="tracker").count() == 0
    assert (
        ContentType.objects.get(app_label="jobs", model="trackedapplication").pk
        == expected["content_types"]["trackedapplication"]
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    assert sorted(TrackedApplication.objects.values_list("pk", flat=True)) == sorted(
        [expected["tracked"], expected["outside"]]
    )
    assert TrackedApplication.objects.get(pk=expected["tracked"]).member == member
    assert (
        sorted(ApplicationEvent.objects.values_list("pk", "application_id", "kind"))
        == expected["events"]
    )
    assert (
        sorted(ApplicationContact.objects.values_list("pk", "application_id", "name"))
        == expected["contacts"]
    )
    assert (
        sorted(InformationalInterview.objects.values_list("pk", "person_name"))
        == expected["interviews"]
    )
    assert {
        name: ContentType.objects.get(app_label="tracker", model=name).pk for name in MOVED
    } == expected["content_types"]
    assert ContentType.objects.filter(app_label="jobs", model__in=MOVED).count() == 0


def test_the_tables_keep_their_names():
    assert TrackedApplication._meta.db_table == "jobs_trackedapplication"
    assert InformationalInterview._meta.db_table == "jobs_informationalinterview"
