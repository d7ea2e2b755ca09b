"""A program's publish proposes its agreement to every pair it starts, on the program's behalf:
both members accept it (or one proposes changes, as with any agreement), and both are told in
the app that the program paired them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor

from rxguild.community.models import Notification
from rxguild.mentoring.models import Agreement, Mentorship, Program
from rxguild.mentoring.next_steps import mentoring_next_steps
from rxguild.mentoring.services import programs
from rxguild.mentoring.services.agreements import (
    AgreementTerms,
    agreement_accept,
    agreement_propose,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(catalog, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    program = Program.objects.create(
        slug="iv-2027",
        name="IV room mentoring 2027",
        organizer="TSHP",
        enrol_opens=today - timedelta(days=3),
        enrol_closes=today + timedelta(days=10),
        agreement_goals="Pass the CSPT exam by June.",
        agreement_cadence="monthly",
        agreement_meeting_minutes=45,
        agreement_months=4,
    )
    organizer = member("Olga")
    program.staff.add(organizer)
    rosa, ana = mentor("Rosa", topics=["cspt"]), mentee("Ana", topics=["cspt"])
    programs.program_join(program=program, user=rosa, role="mentor")
    programs.program_join(program=program, user=ana, role="mentee")
    programs.program_match_everyone(program=program, actor=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        assert programs.program_publish(program=program, actor=organizer) == 1
    return program, Mentorship.objects.get(program=program), rosa, ana


def months_on(months):
    today = timezone.localdate()
    index = today.month - 1 + months
    year, month = today.year + index // 12, index % 12 + 1
    for day in range(today.day, 0, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError


def test_publishing_proposes_the_programs_terms_and_tells_both_in_the_app(published):
    program, mentorship, rosa, ana = published
    proposal = Agreement.objects.get()
    assert (
        proposal.mentorship_id,
        proposal.program_id,
        proposal.proposed_by_id,
        proposal.status,
        proposal.goals,
        proposal.cadence,
        proposal.meeting_minutes,
        proposal.end_date,
    ) == (
        mentorship.pk,
        program.pk,
        None,
        "proposed",
        "Pass the CSPT exam by June.",
        "monthly",
        45,
        months_on(4),
    )
    for user, other in ((rosa, "Ana"), (ana, "Rosa")):
        assert list(
            Notification.objects.filter(recipient=user).values_list("kind", "text", "url")
        ) == [
            (
                "mentoring_agreement",
                f"IV room mentoring 2027 paired you with {other}: accept the agreement it "
                "proposes, or propose changes.",
                f"/mentoring/mentorships/{mentorship.pk}/",
            )
        ]
        assert [s.detail for s in mentoring_next_steps(user)] == [
            "Your program proposed it: accept it or propose changes"
        ]


def test_both_members_accept_it(published, django_capture_on_commit_callbacks):
    _, mentorship, rosa, ana = published
    proposal = Agreement.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        agreement_accept(agreement=proposal, actor=ana)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.agreed_by_id) == ("proposed", ana.pk)
    assert Notification.objects.filter(recipient=rosa).latest("id").text == (
        "Ana accepted the agreement your program proposed."
    )
    assert mentoring_next_steps(ana) == []
    with pytest.raises(ValidationError):
        agreement_accept(agreement=proposal, actor=ana)
    page = client_for(ana).get(f"/mentoring/mentorships/{mentorship.pk}/")
    assert "you accepted it, waiting for Rosa to accept too." in page.content.decode()
    assert page.context["may_accept_agreement"] is False
    rosa_page = client_for(rosa).get(f"/mentoring/mentorships/{mentorship.pk}/")
    assert "Ana accepted it: accept it too, or propose changes." in rosa_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agreement_accept(agreement=proposal, actor=rosa)
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert Notification.objects.filter(recipient=ana).latest("id").text == (
        "Rosa accepted your mentoring agreement."
    )
    assert mentoring_next_steps(rosa) == []


def test_either_member_may_edit_it_instead(published):
    _, mentorship, rosa, ana = published
    program_proposal = Agreement.objects.get()
    agreement_accept(agreement=program_proposal, actor=ana)
    change = agreement_propose(
        mentorship=mentorship,
        actor=rosa,
        terms=AgreementTerms(
            goals="Pass the CSPT exam by May.",
            cadence="fortnightly",
            meeting_minutes=30,
            end_date=timezone.localdate() + timedelta(days=90),
        ),
    )
    program_proposal.refresh_from_db()
    assert program_proposal.status == "replaced"
    with pytest.raises(ValidationError):
        agreement_accept(agreement=change, actor=rosa)
    assert agreement_accept(agreement=change, actor=ana).status == "accepted"


def test_a_program_without_goals_proposes_generic_ones(catalog):
    today = timezone.localdate()
    program = Program.objects.create(
        slug="p",
        name="Spring cohort",
        organizer="TSHP",
        enrol_opens=today - timedelta(days=1),
        enrol_closes=today + timedelta(days=1),
    )
    organizer = member("Olga")
    program.staff.add(organizer)
    programs.program_join(program=program, user=mentor("Rosa"), role="mentor")
    programs.program_join(program=program, user=mentee("Ana"), role="mentee")
    programs.program_match_everyone(program=program, actor=organizer)
    programs.program_publish(program=program, actor=organizer)
    proposal = Agreement.objects.get()
    assert (proposal.goals, proposal.cadence, proposal.meeting_minutes, proposal.end_date) == (
        "What each of you wants from Spring cohort: agree concrete goals at your first check-in.",
        "fortnightly",
        30,
        months_on(6),
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cadence": "daily"}, "agreement_cadence"),
        ({"meeting_minutes": 20}, "agreement_meeting_minutes"),
        ({"months": 25}, "agreement_months"),
        ({"goals": "x" * 4001}, "agreement_goals"),
    ],
    ids=["cadence", "minutes", "months", "goals"],
)
def test_bad_defaults_are_refused_and_nothing_changes(catalog, changes, field):
    today = timezone.localdate()
    program = Program.objects.create(
        slug="p", name="P", organizer="O", enrol_opens=today, enrol_closes=today
    )
    organizer = member("Olga")
    program.staff.add(organizer)
    values = {"goals": "", "cadence": "weekly", "meeting_minutes": 30, "months": 3} | changes
    with pytest.raises(ValidationError) as raised:
        programs.program_agreement_defaults_save(program=program, actor=organizer, **values)
    assert list(raised.value.message_dict) == [field]
    program.refresh_from_db()
    assert (program.agreement_cadence, program.agreement_months) == ("fortnightly", 6)


def test_staff_set_the_defaults_on_the_manage_page(catalog):
    today = timezone.localdate()
    program = Program.objects.create(
        slug="p", name="P", organizer="O", enrol_opens=today, enrol_closes=today
    )
    organizer = member("Olga")
    program.staff.add(organizer)
    response = client_for(organizer).post(
        "/mentoring/programs/p/agreement/",
        {
            "agreement_goals": "One goal a month",
            "agreement_cadence": "weekly",
            "agreement_meeting_minutes": "15",
            "agreement_months": "2",
        },
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (
        program.agreement_goals,
        program.agreement_cadence,
        program.agreement_meeting_minutes,
        program.agreement_months,
    ) == ("One goal a month", "weekly", 15, 2)


def test_the_api_says_the_program_proposed_it(published):
    _, mentorship, rosa, ana = published
    url = f"/api/v1/mentoring/mentorships/{mentorship.pk}/agreement"
    state = client_for(ana).get(url).json()
    assert (
        state["may_accept"],
        state["current"],
        state["pending"]["proposed_by_id"],
        state["pending"]["proposed_by_program"],
        state["pending"]["agreed_by_id"],
    ) == (True, None, None, "iv-2027", None)
    accepted = client_for(ana).post(f"/api/v1/mentoring/agreements/{state['pending']['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["pending"]["agreed_by_id"] == ana.pk
    assert accepted.json()["may_accept"] is False
    assert client_for(rosa).get(url).json()["may_accept"] is True
    assert client_for(member("Nia")).get(url).status_code == 404
