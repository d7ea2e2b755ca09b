"""Training programs: a coordinator sees only their own program's students, only once a student
accepted and only while enrolled (pages and CSV); the student's record stays theirs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.experience.factories import entry_for
from tests.tracker.factories import UserFactory

from rxguild.experience.models import Enrollment, EnrollmentStatus, ExperienceEntry, TrainingProgram
from rxguild.experience.services.hours import hour_log_add

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(db):
    return UserFactory(first_name="Casey", last_name="Coordinator")


@pytest.fixture
def program(coordinator):
    program = TrainingProgram.objects.create(
        name="ACC Pharmacy Technician Program", organization="Austin CC", required_hours=160
    )
    program.coordinators.add(coordinator)
    return program


@pytest.fixture
def externship(member):
    entry = entry_for(
        member,
        kind="externship",
        setting_code="retail-community",
        role="Extern",
        started_on=TODAY - timedelta(days=20),
        ended_on=None,
        hours_per_week=None,
        logged_hours=8,
    )
    hour_log_add(entry=entry, worked_on=TODAY - timedelta(days=3), hours=6)
    return entry


@pytest.fixture
def invitation(program, member):
    return Enrollment.objects.create(program=program, student=member)


def test_the_coordinator_sees_a_student_only_after_they_accept(
    coordinator, member_client, program, invitation, externship
):
    coordinator_client = client_for(coordinator)
    cohort = coordinator_client.get(reverse("experience:program_cohort", args=[program.pk]))
    assert cohort.context["rows"] == []
    response = member_client.post(
        reverse("experience:enrollment_accept", args=[invitation.pk]), {"entry": externship.pk}
    )
    assert response.status_code == 302
    [row] = coordinator_client.get(reverse("experience:program_cohort", args=[program.pk])).context[
        "rows"
    ]
    assert (row.student_name, row.progress.logged, row.progress.required) == (
        "Maria Alvarez",
        6,
        160,
    )
    csv_response = coordinator_client.get(
        reverse("experience:program_cohort_csv", args=[program.pk])
    )
    lines = csv_response.content.decode().splitlines()
    assert lines[0] == (
        "student,email,cohort,program_site,site,logged_hours,signed_hours,required_hours,percent,"
        "midpoint_evaluation,final_evaluation"
    )
    assert lines[1] == (
        "Maria Alvarez,maria@example.org,,,St. Mary's Hospital,6.00,0,160,0,"
        "not requested,not requested"
    )


def test_after_the_student_leaves_the_coordinator_sees_nothing_and_the_record_stays(
    coordinator, member_client, program, invitation, externship
):
    member_client.post(
        reverse("experience:enrollment_accept", args=[invitation.pk]), {"entry": externship.pk}
    )
    member_client.post(reverse("experience:enrollment_leave", args=[invitation.pk]))
    assert Enrollment.objects.get().status == EnrollmentStatus.ENDED
    coordinator_client = client_for(coordinator)
    assert (
        coordinator_client.get(reverse("experience:program_cohort", args=[program.pk])).context[
            "rows"
        ]
        == []
    )
    assert ExperienceEntry.objects.filter(pk=externship.pk).exists()


def test_another_programs_coordinator_gets_a_404_on_page_and_csv(
    program, invitation, member_client, externship
):
    member_client.post(
        reverse("experience:enrollment_accept", args=[invitation.pk]), {"entry": externship.pk}
    )
    other = UserFactory()
    TrainingProgram.objects.create(name="Other", organization="Elsewhere").coordinators.add(other)
    other_client = client_for(other)
    assert (
        other_client.get(reverse("experience:program_cohort", args=[program.pk])).status_code == 404
    )
    assert (
        other_client.get(reverse("experience:program_cohort_csv", args=[program.pk])).status_code
        == 404
    )
    # A student of the program is not a coordinator either.
    assert (
        member_client.get(reverse("experience:program_cohort", args=[program.pk])).status_code
        == 404
    )


def test_a_student_cannot_accept_with_someone_elses_entry_or_another_invitation(
    member, other_member, other_client, program, invitation, externship
):
    before = list(Enrollment.objects.values())
    response = other_client.post(
        reverse("experience:enrollment_accept", args=[invitation.pk]), {"entry": externship.pk}
    )
    assert response.status_code == 404
    own = Enrollment.objects.create(program=program, student=other_member)
    response = other_client.post(
        reverse("experience:enrollment_accept", args=[own.pk]), {"entry": externship.pk}
    )
    assert response.status_code == 404  # the entry is not theirs
    assert list(Enrollment.objects.filter(pk=invitation.pk).values()) == before
    assert Enrollment.objects.get(pk=own.pk).status == EnrollmentStatus.INVITED


def test_csv_cells_cannot_run_as_formulas(coordinator, program, externship, member):
    member.first_name, member.last_name = "=HYPERLINK(1)", ""
    member.save()
    Enrollment.objects.create(
        program=program, student=member, entry=externship, status=EnrollmentStatus.ACTIVE
    )
    body = client_for(coordinator).get(reverse("experience:program_cohort_csv", args=[program.pk]))
    assert body.content.decode().splitlines()[1].startswith("'=HYPERLINK(1)")
