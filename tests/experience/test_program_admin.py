"""A coordinator's program: invitations from the page, cohorts, sites and preceptors, messages
to a cohort, the progress chart and the API. A coordinator reaches only their own program's
students, only while enrolled, on pages and API alike (IDOR); nothing changes, nothing is sent."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.experience.factories import externship_for
from tests.tracker.factories import UserFactory

from rxguild.experience.models import (
    Cohort,
    CohortMessage,
    Enrollment,
    EnrollmentStatus,
    Preceptor,
    ProgramSite,
    TrainingProgram,
)
from rxguild.experience.progress_chart import StudentHours, progress_chart
from rxguild.experience.selectors_programs import cohort_for_program
from rxguild.experience.services.hours import hour_log_add

pytestmark = pytest.mark.django_db

API = "/api/v1/experience"
TODAY = timezone.localdate()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def student(email: str, *, verified: bool = True, **names):
    user = UserFactory(email=email, **names)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def enrol(program, user, *, cohort=None, hours=0):
    entry = externship_for(user)
    if hours:
        hour_log_add(entry=entry, worked_on=TODAY - timedelta(days=2), hours=hours)
    return Enrollment.objects.create(
        program=program, student=user, entry=entry, cohort=cohort, status=EnrollmentStatus.ACTIVE
    )


@pytest.fixture
def coordinator(db):
    return UserFactory(first_name="Casey", last_name="Coordinator", email="casey@acc.example")


@pytest.fixture
def program(coordinator, catalog):
    program = TrainingProgram.objects.create(
        name="ACC Pharmacy Technician Program", organization="Austin CC", required_hours=160
    )
    program.coordinators.add(coordinator)
    return program


@pytest.fixture
def coordinator_client(coordinator):
    return client_for(coordinator)


@pytest.fixture
def other_program(db):
    other = TrainingProgram.objects.create(name="Other", organization="Elsewhere")
    other.coordinators.add(UserFactory(email="other.coordinator@example.org"))
    return other


@pytest.fixture
def other_coordinator_client(other_program):
    return client_for(other_program.coordinators.get())


def test_a_coordinator_invites_a_member_from_the_page(
    coordinator_client, program, django_capture_on_commit_callbacks
):
    invited = student("jordan@example.org", first_name="Jordan")
    spring = Cohort.objects.create(program=program, name="Spring 2027")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("experience:program_invite", args=[program.pk]),
            {"email": "Jordan@Example.org", "cohort": spring.pk, "site": ""},
        )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get()
    assert (enrollment.student, enrollment.cohort, enrollment.status) == (
        invited,
        spring,
        EnrollmentStatus.INVITED,
    )
    assert mail.outbox[-1].to == ["Jordan@Example.org"]
    assert "invites you to ACC Pharmacy Technician Program" in mail.outbox[-1].body
    # Not on the cohort page until they accept; only a count of waiting invitations.
    page = coordinator_client.get(reverse("experience:program_cohort", args=[program.pk]))
    assert page.context["rows"] == [] and page.context["invitations_waiting"] == 1
    # Inviting again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("experience:program_invite", args=[program.pk]), {"email": "jordan@example.org"}
        )
    assert (Enrollment.objects.count(), len(mail.outbox)) == (1, 1)


@pytest.mark.parametrize("verified", [False, None], ids=["unverified-address", "no-account"])
def test_an_unknown_or_unverified_address_gets_the_same_answer_and_no_enrolment(
    coordinator_client, program, django_capture_on_commit_callbacks, verified
):
    if verified is not None:
        student("kim@example.org", verified=verified)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("experience:program_invite", args=[program.pk]),
            {"email": "kim@example.org"},
            follow=True,
        )
    assert "Invitation sent to kim@example.org." in response.content.decode()
    assert Enrollment.objects.count() == 0
    assert "Create an account" in mail.outbox[-1].body


def test_a_cohort_message_reaches_only_enrolled_students_of_that_cohort(
    coordinator_client, program, django_capture_on_commit_callbacks
):
    spring = Cohort.objects.create(program=program, name="Spring 2027")
    fall = Cohort.objects.create(program=program, name="Fall 2026")
    enrol(program, student("a@example.org"), cohort=spring)
    enrol(program, student("b@example.org"), cohort=spring)
    enrol(program, student("c@example.org"), cohort=fall)
    left = enrol(program, student("d@example.org"), cohort=spring)
    left.status = EnrollmentStatus.ENDED
    left.save()
    Enrollment.objects.create(program=program, student=student("e@example.org"), cohort=spring)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("experience:program_message", args=[program.pk]),
            {"cohort": spring.pk, "subject": "Media fill on Friday", "body": "Bring your badge."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(len(m.to) == 1 and m.reply_to == ["casey@acc.example"] for m in mail.outbox)
    assert mail.outbox[0].subject == "[ACC Pharmacy Technician Program] Media fill on Friday"
    assert CohortMessage.objects.get().recipient_count == 2


def test_a_message_to_nobody_or_without_a_body_is_refused_and_sends_nothing(
    coordinator_client, program, django_capture_on_commit_callbacks
):
    empty = Cohort.objects.create(program=program, name="Empty")
    enrol(program, student("a@example.org"))
    for data in (
        {"cohort": empty.pk, "subject": "Hi", "body": "Hello"},
        {"cohort": "", "subject": "Hi", "body": "   "},
    ):
        with django_capture_on_commit_callbacks(execute=True):
            coordinator_client.post(reverse("experience:program_message", args=[program.pk]), data)
    assert (CohortMessage.objects.count(), len(mail.outbox)) == (0, 0)


def test_lists_of_cohorts_sites_and_preceptors(coordinator_client, program):
    add = "experience:program_list_add"
    coordinator_client.post(reverse(add, args=[program.pk, "cohort"]), {"name": "Spring 2027"})
    coordinator_client.post(
        reverse(add, args=[program.pk, "site"]),
        {"name": "Rivera Pharmacy", "city": "Austin", "state": "tx"},
    )
    site = ProgramSite.objects.get()
    assert (site.program, site.state) == (program, "TX")
    coordinator_client.post(
        reverse(add, args=[program.pk, "preceptor"]),
        {"site": site.pk, "name": "Sam Ortiz", "role": "RPh", "email": "sam@rivera.example"},
    )
    page = coordinator_client.get(reverse("experience:program_lists", args=[program.pk]))
    body = page.content.decode()
    assert "Spring 2027" in body and "Sam Ortiz" in body and "Rivera Pharmacy" in body
    duplicate = coordinator_client.post(
        reverse(add, args=[program.pk, "cohort"]), {"name": "spring 2027"}, follow=True
    )
    assert "already has a cohort of that name" in duplicate.content.decode()
    assert Cohort.objects.count() == 1
    preceptor = Preceptor.objects.get()
    coordinator_client.post(reverse("experience:preceptor_remove", args=[program.pk, preceptor.pk]))
    assert Preceptor.objects.count() == 0


def test_placing_a_student_in_a_cohort_and_at_a_site(coordinator_client, program):
    enrollment = enrol(program, student("a@example.org"))
    spring = Cohort.objects.create(program=program, name="Spring 2027")
    site = ProgramSite.objects.create(program=program, name="Rivera Pharmacy")
    coordinator_client.post(
        reverse("experience:enrollment_place", args=[program.pk, enrollment.pk]),
        {"cohort": spring.pk, "site": site.pk},
    )
    [row] = coordinator_client.get(
        reverse("experience:program_cohort", args=[program.pk]), {"cohort": spring.pk}
    ).context["rows"]
    assert (row.cohort_name, row.program_site_name) == ("Spring 2027", "Rivera Pharmacy")


def test_another_programs_coordinator_reaches_nothing_on_pages_or_api(
    program, other_coordinator_client, django_capture_on_commit_callbacks
):
    enrollment = enrol(program, student("a@example.org"), hours=6)
    site = ProgramSite.objects.create(program=program, name="Rivera Pharmacy")
    preceptor = Preceptor.objects.create(
        program=program, site=site, name="Sam", role="RPh", email="sam@rivera.example"
    )
    client = other_coordinator_client
    before = [
        list(model.objects.values())
        for model in (Enrollment, Cohort, ProgramSite, Preceptor, CohortMessage)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        gets = [
            reverse("experience:program_cohort", args=[program.pk]),
            reverse("experience:program_cohort_csv", args=[program.pk]),
            reverse("experience:program_lists", args=[program.pk]),
            f"{API}/programs/{program.pk}/students",
            f"{API}/programs/{program.pk}/lists",
        ]
        for url in gets:
            assert client.get(url).status_code == 404, url
        posts = [
            (reverse("experience:program_invite", args=[program.pk]), {"email": "x@example.org"}),
            (
                reverse("experience:program_message", args=[program.pk]),
                {"subject": "Hi", "body": "Hello"},
            ),
            (reverse("experience:enrollment_place", args=[program.pk, enrollment.pk]), {}),
            (reverse("experience:program_list_add", args=[program.pk, "cohort"]), {"name": "X"}),
            (reverse("experience:preceptor_remove", args=[program.pk, preceptor.pk]), {}),
        ]
        for url, data in posts:
            assert client.post(url, data).status_code == 404, url
        api_posts = [
            (f"{API}/programs/{program.pk}/invitations", {"email": "x@example.org"}),
            (f"{API}/programs/{program.pk}/messages", {"subject": "Hi", "body": "Hello"}),
            (f"{API}/programs/{program.pk}/cohorts", {"name": "X"}),
        ]
        for url, data in api_posts:
            response = client.post(url, json.dumps(data), content_type="application/json")
            assert response.status_code == 404, url
    assert client.get(f"{API}/programs").json() == [
        {"id": program.pk + 1, "name": "Other", "organization": "Elsewhere", "required_hours": None}
    ]
    after = [
        list(model.objects.values())
        for model in (Enrollment, Cohort, ProgramSite, Preceptor, CohortMessage)
    ]
    assert after == before
    assert len(mail.outbox) == 0


def test_another_programs_cohort_or_site_is_a_404_in_my_program(
    coordinator_client, program, other_program
):
    enrollment = enrol(program, student("a@example.org"))
    foreign = Cohort.objects.create(program=other_program, name="Theirs")
    foreign_site = ProgramSite.objects.create(program=other_program, name="Their site")
    cohort_page = reverse("experience:program_cohort", args=[program.pk])
    assert coordinator_client.get(cohort_page, {"cohort": foreign.pk}).status_code == 404
    place = reverse("experience:enrollment_place", args=[program.pk, enrollment.pk])
    assert coordinator_client.post(place, {"site": foreign_site.pk}).status_code in (302, 404)
    assert Enrollment.objects.get().site is None
    api = coordinator_client.get(f"{API}/programs/{program.pk}/students", {"cohort_id": foreign.pk})
    assert api.status_code == 404
    # a student of another program, by enrolment id, is a 404 here too
    theirs = enrol(other_program, student("b@example.org"))
    other_place = reverse("experience:enrollment_place", args=[program.pk, theirs.pk])
    assert coordinator_client.post(other_place, {}).status_code == 404


def test_the_api_lists_enrolled_students_only_while_enrolled(coordinator_client, program):
    enrollment = enrol(
        program, student("a@example.org", first_name="Ana", last_name="Diaz"), hours=6
    )
    Enrollment.objects.create(program=program, student=student("b@example.org"))  # invited
    body = coordinator_client.get(f"{API}/programs/{program.pk}/students").json()
    assert body["invitations_waiting"] == 1
    assert [(s["name"], s["logged"], s["midpoint"]) for s in body["students"]] == [
        ("Ana Diaz", "6.00", "not requested")
    ]
    enrollment.status = EnrollmentStatus.ENDED
    enrollment.save()
    assert coordinator_client.get(f"{API}/programs/{program.pk}/students").json()["students"] == []


def test_the_api_keeps_the_lists_and_sends_messages(
    coordinator_client, program, django_capture_on_commit_callbacks
):
    def post(path, data):
        return coordinator_client.post(
            f"{API}/programs/{program.pk}/{path}", json.dumps(data), content_type="application/json"
        )

    cohort = post("cohorts", {"name": "Spring 2027", "starts_on": "2027-01-11"})
    assert cohort.status_code == 201, cohort.content
    site = post("sites", {"name": "Rivera Pharmacy", "state": "TX"}).json()
    bad = post("preceptors", {"site_id": site["id"], "name": "Sam", "role": "RPh", "email": "x"})
    assert bad.status_code == 422 and "email" in bad.json()["detail"]
    good = post(
        "preceptors",
        {"site_id": site["id"], "name": "Sam", "role": "RPh", "email": "sam@rivera.example"},
    )
    assert good.status_code == 201
    lists = coordinator_client.get(f"{API}/programs/{program.pk}/lists").json()
    assert [len(lists[k]) for k in ("cohorts", "sites", "preceptors")] == [1, 1, 1]
    enrol(program, student("a@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        sent = post("messages", {"subject": "Hi", "body": "Welcome"})
    assert sent.status_code == 201 and sent.json()["recipient_count"] == 1
    assert post("invitations", {"email": "new@example.org"}).status_code == 202


def test_the_cohort_page_draws_the_chart_with_a_text_alternative(coordinator_client, program):
    enrol(program, student("a@example.org", first_name="Ana", last_name="Diaz"), hours=6)
    body = coordinator_client.get(reverse("experience:program_cohort", args=[program.pk]))
    html = body.content.decode()
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "Ana Diaz: 0 h signed, 0 % of 160 required." in html


def test_the_chart_scales_to_the_largest_figure_and_says_the_same_in_words():
    chart = progress_chart(
        [
            StudentHours("Ana", Decimal(80), Decimal(20), 160),
            StudentHours("Ben", Decimal(200), Decimal(0), 160),
            StudentHours("Cy", Decimal(0), Decimal(0), None),
        ]
    )
    ana, ben, cy = chart.bars
    assert (ana.signed_width, ana.pending_width, ana.required_x) == (128.0, 32.0, 256.0)
    assert ben.signed_width == 320.0  # past the requirement: the longest bar fills the width
    assert cy.required_x is None
    assert ana.text == "Ana: 80 h signed, 20 h waiting for sign-off, 50 % of 160 required."
    assert ben.text == "Ben: 200 h signed, 100 % of 160 required."
    assert chart.summary == "3 students; 1 of 2 with a requirement have all required hours signed."


def test_the_cohort_read_costs_the_same_for_one_student_or_three(
    program, django_assert_num_queries
):
    enrol(program, student("a@example.org"), hours=6)
    with django_assert_num_queries(3):
        assert len(cohort_for_program(program)) == 1
    enrol(program, student("b@example.org"), hours=6)
    enrol(program, student("c@example.org"), hours=6)
    with django_assert_num_queries(3):
        assert len(cohort_for_program(program)) == 3


def test_an_enrolled_student_picks_a_listed_preceptor_on_the_hour_log(program, other_program):
    user = student("a@example.org")
    enrollment = enrol(program, user)
    site = ProgramSite.objects.create(program=program, name="Rivera Pharmacy")
    sam = Preceptor.objects.create(
        program=program, site=site, name="Sam Ortiz", role="RPh", email="sam@rivera.example"
    )
    foreign_site = ProgramSite.objects.create(program=other_program, name="Elsewhere")
    theirs = Preceptor.objects.create(
        program=other_program, site=foreign_site, name="Lee", role="RPh", email="lee@x.example"
    )
    client = client_for(user)
    log = reverse("experience:hour_log", args=[enrollment.entry_id])
    page = client.get(log, {"preceptor": sam.pk})
    assert "Use Sam Ortiz" in page.content.decode() and "Use Lee" not in page.content.decode()
    assert page.context["signoff_form"].initial["preceptor_email"] == "sam@rivera.example"
    assert page.context["evaluation_form"].initial["evaluator_name"] == "Sam Ortiz"
    other = client.get(log, {"preceptor": theirs.pk})
    assert "preceptor_email" not in other.context["signoff_form"].initial
    enrollment.status = EnrollmentStatus.ENDED
    enrollment.save()
    assert client.get(log).context["listed_preceptors"] == []
