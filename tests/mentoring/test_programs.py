"""Programs: join, match everyone, staff edits, publish; only the program's staff manage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor

from rxguild.community.models import Block
from rxguild.mentoring.models import (
    Mentorship,
    Program,
    ProgramPair,
    ProgramParticipant,
    ProgramQuestion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(db):
    today = timezone.localdate()
    created = Program.objects.create(
        slug="txshp-2027",
        name="TSHP technician mentoring 2027",
        organizer="Texas Society of Health-System Pharmacists",
        enrol_opens=today - timedelta(days=3),
        enrol_closes=today + timedelta(days=10),
    )
    ProgramQuestion.objects.create(program=created, label="What do you hope to learn?")
    return created


@pytest.fixture
def organizer(program):
    user = member("Olga")
    program.staff.add(user)
    return user


def join(user, program, role, answer=""):
    question = program.questions.get()
    return client_for(user).post(
        f"/mentoring/programs/{program.slug}/", {"role": role, f"question_{question.pk}": answer}
    )


def test_join_needs_an_enrolment_and_an_open_window(catalog, program):
    newcomer = member("Ned")
    join(newcomer, program, "mentee")
    assert ProgramParticipant.objects.count() == 0
    learner = mentee("Lia", topics=["cspt"])
    join(learner, program, "mentee", "The IV room")
    question = program.questions.get()
    assert list(ProgramParticipant.objects.values_list("role", "answers")) == [
        ("mentee", {str(question.pk): "The IV room"})
    ]
    program.enrol_closes = timezone.localdate() - timedelta(days=1)
    program.save()
    join(mentor("Mo", topics=["cspt"]), program, "mentor")
    assert ProgramParticipant.objects.count() == 1


def test_match_preview_and_publish(catalog, program, organizer, django_capture_on_commit_callbacks):
    rosa = mentor("Rosa", topics=["cspt"], capacity=1, specialties=["sterile-compounding"])
    walt = mentor("Walt", topics=["billing"], capacity=1, state="CA")
    ana = mentee("Ana", topics=["cspt"], specialties=["sterile-compounding"])
    ben = mentee("Ben", topics=["cspt"])
    cy = mentee("Cy", topics=["leadership"], state="NY")
    for user in (rosa, walt):
        join(user, program, "mentor")
    for user in (ana, ben, cy):
        join(user, program, "mentee")
    staff_client = client_for(organizer)
    staff_client.post(f"/mentoring/programs/{program.slug}/manage/match/")
    pairs = list(
        ProgramPair.objects.values_list("mentee__first_name", "mentor__first_name", "score")
    )
    assert pairs == [("Ana", "Rosa", 48.0)]
    page = staff_client.get(f"/mentoring/programs/{program.slug}/manage/")
    view = page.context["view"]
    assert [(p.user.first_name, why) for p, why in view.unmatched] == [
        ("Ben", "every mentor who fits is full in the best overall assignment"),
        ("Cy", "no mentor in the program fits and passes the hard constraints"),
    ]
    assert view.histogram == [("40 to 49", 1, 100)]
    assert "Works in Sterile compounding" in page.content.decode()

    # By hand: Ben with Walt (nothing in common, but staff may decide) is refused only by a
    # hard constraint; here it is allowed and fixed.
    staff_client.post(
        f"/mentoring/programs/{program.slug}/manage/pair/", {"mentee": ben.pk, "mentor": walt.pk}
    )
    assert ProgramPair.objects.get(mentee=ben).fixed is True
    # A re-run keeps the fixed pair.
    staff_client.post(f"/mentoring/programs/{program.slug}/manage/match/")
    assert sorted(ProgramPair.objects.values_list("mentee__first_name", flat=True)) == [
        "Ana",
        "Ben",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/mentoring/programs/{program.slug}/manage/publish/")
    program.refresh_from_db()
    assert program.status == "published"
    assert sorted(
        Mentorship.objects.filter(program=program).values_list(
            "mentee__first_name", "mentor__first_name"
        )
    ) == [
        ("Ana", "Rosa"),
        ("Ben", "Walt"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
        "rosa@example.org",
        "walt@example.org",
    ]


def test_pair_by_hand_keeps_blocks_and_capacity(catalog, program, organizer):
    rosa = mentor("Rosa", topics=["cspt"], capacity=1)
    ana, ben = mentee("Ana", topics=["cspt"]), mentee("Ben", topics=["cspt"])
    join(rosa, program, "mentor")
    join(ana, program, "mentee")
    join(ben, program, "mentee")
    Block.objects.create(blocker=ben, blocked=rosa)
    staff_client = client_for(organizer)
    response = staff_client.post(
        f"/mentoring/programs/{program.slug}/manage/pair/",
        {"mentee": ben.pk, "mentor": rosa.pk},
        follow=True,
    )
    assert (
        "That pair can&#x27;t be made: the mentor is in a block with the mentee."
        in response.content.decode()
    )
    assert ProgramPair.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "other-program-staff", "anonymous"])
def test_only_program_staff_manage(catalog, program, who):
    other = Program.objects.create(
        slug="other",
        name="Other",
        organizer="X",
        enrol_opens=program.enrol_opens,
        enrol_closes=program.enrol_closes,
    )
    user = member("Pat")
    if who == "other-program-staff":
        other.staff.add(user)
    client = client_for(user)
    if who == "anonymous":
        client.logout()
    for path in ("manage/", "manage/match/", "manage/publish/"):
        response = client.post(f"/mentoring/programs/{program.slug}/{path}")
        assert response.status_code in (302, 404)
        if who != "anonymous":
            assert response.status_code == 404
    program.refresh_from_db()
    assert program.status == "open"
    assert ProgramPair.objects.count() == 0


def test_site_staff_manage_any_program(catalog, program):
    user = member("Sid")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    assert client_for(user).get(f"/mentoring/programs/{program.slug}/manage/").status_code == 200
