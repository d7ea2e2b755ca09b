"""Programs made with one question keep working: the migration makes that question the first
field of the program's questionnaire and each answer its answer (and back again), on SQLite
and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from tests.mentoring.factories import member

from rxguild.mentoring.models import Program, ProgramParticipant, ProgramQuestion


def _migrations() -> tuple[tuple[str, str], list[tuple[str, str]]]:
    """The migration before the questionnaire's, and the latest of every app."""
    graph = MigrationExecutor(connection).loader.graph
    mine = next(
        key
        for key in graph.nodes
        if key[0] == "mentoring" and key[1].endswith("_program_questionnaire")
    )
    before = next(parent for parent in graph.node_map[mine].parents if parent.key[0] == "mentoring")
    return before.key, graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_single_question_becomes_the_questionnaires_first_field():
    lia, ned = member("Lia"), member("Ned")
    before, latest = _migrations()
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    OldProgram = old.get_model("mentoring", "Program")
    OldParticipant = old.get_model("mentoring", "ProgramParticipant")
    asked = OldProgram.objects.create(
        slug="asked",
        name="Asked",
        organizer="TSHP",
        question="What do you hope to learn?",
        enrol_opens=date(2026, 1, 1),
        enrol_closes=date(2026, 2, 1),
    )
    OldProgram.objects.create(
        slug="silent",
        name="Silent",
        organizer="TSHP",
        enrol_opens=date(2026, 1, 1),
        enrol_closes=date(2026, 2, 1),
    )
    OldParticipant.objects.create(program=asked, user_id=lia.pk, role="mentee", answer="IV room")
    OldParticipant.objects.create(program=asked, user_id=ned.pk, role="mentee", answer="")

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    question = ProgramQuestion.objects.get()
    assert (question.program.slug, question.label, question.kind, question.required) == (
        "asked",
        "What do you hope to learn?",
        "text",
        False,
    )
    assert Program.objects.get(slug="silent").questions.count() == 0
    assert dict(ProgramParticipant.objects.values_list("user_id", "answers")) == {
        lia.pk: {str(question.pk): "IV room"},
        ned.pk: {},
    }

    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    assert old.get_model("mentoring", "Program").objects.get(slug="asked").question == (
        "What do you hope to learn?"
    )
    assert dict(
        old.get_model("mentoring", "ProgramParticipant").objects.values_list("user_id", "answer")
    ) == {lia.pk: "IV room", ned.pk: ""}
    MigrationExecutor(connection).migrate(latest)
