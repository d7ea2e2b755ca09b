"""Joining a mentoring program on a phone (390 px) by answering its questionnaire: a missing
required answer is named beside its field and nothing is saved; then the member joins with
the keyboard and reads their answers back; the program's staff read them in the manage page.
Pages scanned with axe; none may scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser.test_mentoring_journey import _check, _member, _sign_in
from tests.catalog_fixtures import load_test_catalog

from rxguild.mentoring.models import Program, ProgramParticipant
from rxguild.mentoring.services.enrolment import mentee_wants_save
from rxguild.mentoring.services.questionnaire import QuestionSpec, program_question_save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def test_joining_a_program_with_its_questionnaire_on_a_phone(live_server, page, axe_scan, browser):
    load_test_catalog()
    today = timezone.localdate()
    program = Program.objects.create(
        slug="iv-2027",
        name="IV room mentoring 2027",
        organizer="Texas Society of Health-System Pharmacists",
        enrol_opens=today - timedelta(days=2),
        enrol_closes=today + timedelta(days=20),
    )
    olga = _member("olga@example.org", "Olga", "TX")
    program.staff.add(olga)
    for spec in (
        QuestionSpec(label="What do you hope to learn?"),
        QuestionSpec(
            label="Preferred meeting format",
            kind="choice",
            choices=("Video", "Phone", "In person"),
            required=True,
            factor="prefer",
            weight=10,
        ),
        QuestionSpec(
            label="Which shifts can you meet around?",
            kind="multiple",
            choices=("Days", "Evenings", "Nights"),
            factor="must_match",
        ),
    ):
        program_question_save(program=program, actor=olga, spec=spec)
    ana = _member("ana@example.org", "Ana", "TX")
    mentee_wants_save(user=ana, topics=["cspt"])

    _sign_in(page, live_server, "ana@example.org")
    page.goto(f"{live_server.url}/mentoring/programs/{program.slug}/")
    join = page.get_by_role("region", name="Join")
    join.get_by_role("heading", name="The program's questions").wait_for()
    _check(page, axe_scan)
    join.get_by_label("As a mentee").check()
    join.get_by_label("What do you hope to learn?").fill("Working in the IV room")
    join.get_by_label("Evenings").check()
    join.get_by_role("button", name="Join the program").press("Enter")
    format_group = page.get_by_role("group", name="Preferred meeting format")
    format_group.get_by_text("Answer this question.").wait_for()
    assert ProgramParticipant.objects.count() == 0
    # What was typed is kept.
    assert join.get_by_label("What do you hope to learn?").input_value() == "Working in the IV room"
    _check(page, axe_scan)

    format_group.get_by_label("Phone").focus()
    page.keyboard.press("Space")
    join.get_by_role("button", name="Join the program").press("Enter")
    mine = page.get_by_role("region", name="You are in")
    mine.get_by_text("Only you and the program's staff see your answers.").wait_for()
    assert mine.get_by_text("Working in the IV room").is_visible()
    assert mine.get_by_text("Phone", exact=True).is_visible()
    _check(page, axe_scan)
    participant = ProgramParticipant.objects.get()
    assert (
        participant.user_id,
        participant.role,
        sorted(participant.answers.values(), key=str),
    ) == (
        ana.pk,
        "mentee",
        sorted(["Working in the IV room", "Phone", ["Evenings"]], key=str),
    )

    staff_context = browser.new_context(viewport={"width": 390, "height": 844})
    staff_page = staff_context.new_page()
    _sign_in(staff_page, live_server, "olga@example.org")
    staff_page.goto(f"{live_server.url}/mentoring/programs/{program.slug}/manage/")
    questionnaire = staff_page.get_by_role("region", name="Questionnaire (3)")
    questionnaire.get_by_text(
        "Which shifts can you meet around? · Any choices from a list · mentor and mentee must "
        "answer alike"
    ).wait_for()
    questionnaire.get_by_text("Add a question").click()
    questionnaire.get_by_label("Question", exact=True).last.fill("Weekends are fine?")
    questionnaire.get_by_label("Answer as").last.select_option(label="Yes or no")
    questionnaire.get_by_role("button", name="Add the question").click()
    staff_page.get_by_role("region", name="Questionnaire (4)").wait_for()
    _check(staff_page, axe_scan)
    staff_context.close()
