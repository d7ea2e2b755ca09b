"""A program's questionnaire: staff define its fields (service rules, manage page, admin),
members answer them when they join (checked in the service: clear errors, nothing saved),
only the member and the program's staff see the answers, and the match follows them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from tests.mentoring.factories import client_for, member, mentee, mentor

from rxguild.mentoring.models import Program, ProgramPair, ProgramParticipant, ProgramQuestion
from rxguild.mentoring.services import programs, questionnaire
from rxguild.mentoring.services.questionnaire import QuestionSpec

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(db):
    today = timezone.localdate()
    return Program.objects.create(
        slug="iv-2027",
        name="IV room mentoring 2027",
        organizer="Texas Society of Health-System Pharmacists",
        enrol_opens=today - timedelta(days=3),
        enrol_closes=today + timedelta(days=10),
    )


@pytest.fixture
def organizer(program):
    user = member("Olga")
    program.staff.add(user)
    return user


def add(program, organizer, **spec):
    return questionnaire.program_question_save(
        program=program, actor=organizer, spec=QuestionSpec(**spec)
    )


@pytest.fixture
def questions(program, organizer):
    """Short text (optional), a required choice worth points, a must-match multiple choice,
    and a yes/no."""
    return [
        add(program, organizer, label="What do you hope to learn?"),
        add(
            program,
            organizer,
            label="Preferred meeting format",
            kind="choice",
            choices=("Video", "Phone", "In person"),
            required=True,
            factor="prefer",
            weight=20,
        ),
        add(
            program,
            organizer,
            label="Which shifts can you meet around?",
            kind="multiple",
            choices=("Days", "Evenings", "Nights"),
            factor="must_match",
        ),
        add(program, organizer, label="Weekends are fine?", kind="yes_no"),
    ]


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({"label": "  "}, "label"),
        ({"label": "x" * 201}, "label"),
        ({"label": "Format", "kind": "choice", "choices": ("Video",)}, "choices"),
        ({"label": "Format", "kind": "choice", "choices": ("Video", "video")}, "choices"),
        ({"label": "Format", "kind": "choice", "choices": ("Video", "x" * 101)}, "choices"),
        ({"label": "Format", "kind": "dropdown"}, "kind"),
        ({"label": "Goals", "factor": "prefer", "weight": 5}, "factor"),
        ({"label": "Ok?", "kind": "yes_no", "factor": "prefer"}, "weight"),
        ({"label": "Ok?", "kind": "yes_no", "weight": 5}, "weight"),
        ({"label": "Ok?", "kind": "yes_no", "factor": "prefer", "weight": 101}, "weight"),
        ({"label": "Ok?", "kind": "yes_no", "factor": "always"}, "factor"),
    ],
    ids=[
        "blank-label",
        "long-label",
        "one-choice",
        "same-choice-twice",
        "long-choice",
        "unknown-kind",
        "text-cannot-match",
        "prefer-without-points",
        "points-without-matching",
        "too-many-points",
        "unknown-factor",
    ],
)
def test_a_field_with_bad_settings_is_refused_and_nothing_saved(program, organizer, spec, field):
    with pytest.raises(ValidationError) as raised:
        add(program, organizer, **spec)
    assert list(raised.value.message_dict) == [field]
    assert ProgramQuestion.objects.count() == 0


def test_fields_are_kept_in_order_with_their_choices_cleaned(program, organizer):
    first = add(program, organizer, label=" Goals ")
    second = add(
        program, organizer, label="Format", kind="choice", choices=(" Video ", "", "Phone")
    )
    assert [(q.position, q.label, q.choices) for q in program.questions.all()] == [
        (0, "Goals", []),
        (1, "Format", ["Video", "Phone"]),
    ]
    assert first.options == () and second.options == ("Video", "Phone")
    assert add(program, organizer, label="Ok?", kind="yes_no").options == ("Yes", "No")


def test_only_program_staff_change_fields_and_not_after_publishing(program, organizer):
    outsider = member("Otto")
    with pytest.raises(PermissionDenied):
        add(program, outsider, label="Anything?")
    question = add(program, organizer, label="Anything?")
    with pytest.raises(PermissionDenied):
        questionnaire.program_question_delete(question=question, actor=outsider)
    program.status = Program.Status.PUBLISHED
    program.save()
    with pytest.raises(ValidationError):
        questionnaire.program_question_delete(question=question, actor=organizer)
    assert ProgramQuestion.objects.count() == 1


def joining(user, program, answers):
    return programs.program_join(program=program, user=user, role="mentee", answers=answers)


@pytest.mark.parametrize(
    ("answers", "which", "message"),
    [
        ({}, 1, "Answer this question."),
        ({"1": "Carrier pigeon"}, 1, "Choose one from the list."),
        ({"1": "Video", "2": ["Days", "Weekends"]}, 2, "Choose from the list."),
        ({"1": "Video", "2": [3]}, 2, "Choose from the list."),
        ({"1": "Video", "0": "x" * 2001}, 0, "Keep your answer under 2,000 characters."),
        ({"1": "Video", "0": ["a list"]}, 0, "Answer in words."),
        ({"1": "Video", "3": "Maybe"}, 3, "Choose one from the list."),
    ],
    ids=[
        "required-missing",
        "not-a-choice",
        "one-of-several-not-a-choice",
        "not-text",
        "text-too-long",
        "text-as-list",
        "yes-no-neither",
    ],
)
def test_bad_answers_name_the_field_and_save_nothing(
    catalog, program, questions, answers, which, message
):
    learner = mentee("Lia")
    keyed = {str(questions[int(k)].pk): v for k, v in answers.items()}
    with pytest.raises(ValidationError) as raised:
        joining(learner, program, keyed)
    assert raised.value.message_dict == {f"question_{questions[which].pk}": [message]}
    assert ProgramParticipant.objects.count() == 0


def test_unknown_questions_are_refused(catalog, program, questions):
    with pytest.raises(ValidationError) as raised:
        joining(mentee("Lia"), program, {str(questions[1].pk): "Video", "99999": "hi"})
    assert raised.value.message_dict == {"answers": ["Answer the questions of this program only."]}
    assert ProgramParticipant.objects.count() == 0


def test_good_answers_are_saved_tidy_and_joining_again_replaces_them(catalog, program, questions):
    learner = mentee("Lia")
    text, fmt, shifts, weekends = (str(q.pk) for q in questions)
    participant = joining(
        learner,
        program,
        {text: "  The IV room ", fmt: "Video", shifts: ["Nights", "Days", "Days"], weekends: True},
    )
    assert participant.answers == {
        text: "The IV room",
        fmt: "Video",
        shifts: ["Days", "Nights"],
        weekends: "Yes",
    }
    joining(learner, program, {fmt: "Phone", weekends: "no"})
    participant.refresh_from_db()
    assert participant.answers == {fmt: "Phone", weekends: "No"}


def test_join_page_asks_the_questions_and_shows_errors_beside_them(catalog, program, questions):
    learner = mentee("Lia")
    client = client_for(learner)
    page = client.get(f"/mentoring/programs/{program.slug}/")
    body = page.content.decode()
    for question in questions:
        assert question.label in body
    fmt, shifts = (f"question_{q.pk}" for q in questions[1:3])
    bad = client.post(f"/mentoring/programs/{program.slug}/", {"role": "mentee", shifts: ["Days"]})
    assert bad.status_code == 422
    assert bad.context["form"].errors == {fmt: ["Answer this question."]}
    assert ProgramParticipant.objects.count() == 0
    good = client.post(
        f"/mentoring/programs/{program.slug}/", {"role": "mentee", fmt: "Phone", shifts: ["Days"]}
    )
    assert good.status_code == 302
    mine = client.get(f"/mentoring/programs/{program.slug}/")
    assert [(m.role, m.shown) for m in mine.context["mine"]] == [
        (
            "mentee",
            [("Preferred meeting format", "Phone"), ("Which shifts can you meet around?", "Days")],
        )
    ]
    # Another member sees the program, not Lia's answers.
    other = client_for(member("Nia")).get(f"/mentoring/programs/{program.slug}/")
    assert other.context["mine"] == []
    assert "Phone" not in other.content.decode().split('<h2 id="join-h">')[0]


def test_staff_edit_fields_on_the_manage_page(program, organizer):
    client = client_for(organizer)
    url = f"/mentoring/programs/{program.slug}/questions/"
    added = client.post(
        url,
        {
            "new-label": "Preferred meeting format",
            "new-kind": "choice",
            "new-choices": "Video\nPhone",
            "new-factor": "prefer",
            "new-weight": "10",
        },
    )
    assert added.status_code == 302
    question = ProgramQuestion.objects.get()
    assert (question.kind, question.choices, question.factor, question.weight) == (
        "choice",
        ["Video", "Phone"],
        "prefer",
        10,
    )
    refused = client.post(
        f"{url}{question.pk}/",
        {
            f"q{question.pk}-label": "Preferred meeting format",
            f"q{question.pk}-kind": "choice",
            f"q{question.pk}-choices": "Video",
            f"q{question.pk}-factor": "prefer",
            f"q{question.pk}-weight": "10",
        },
    )
    assert refused.status_code == 422
    assert dict(refused.context["question_forms"])[question].errors == {
        "choices": ["Give at least two choices, one a line."]
    }
    question.refresh_from_db()
    assert question.choices == ["Video", "Phone"]
    client.post(f"{url}{question.pk}/delete/")
    assert ProgramQuestion.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "other-program-staff", "anonymous"])
def test_only_the_programs_staff_reach_its_fields(program, organizer, who):
    question = add(program, organizer, label="Goals?")
    client = client_for(organizer)
    client.logout()
    if who != "anonymous":
        user = member("Otto")
        if who == "other-program-staff":
            Program.objects.create(
                slug="other",
                name="Other",
                organizer="Other",
                enrol_opens=program.enrol_opens,
                enrol_closes=program.enrol_closes,
            ).staff.add(user)
        client = client_for(user)
    base = f"/mentoring/programs/{program.slug}"
    responses = [
        client.get(f"{base}/manage/"),
        client.post(
            f"{base}/questions/", {"new-label": "Hijack", "new-kind": "text", "new-weight": "0"}
        ),
        client.post(f"{base}/questions/{question.pk}/", {f"q{question.pk}-label": "Hijack"}),
        client.post(f"{base}/questions/{question.pk}/delete/"),
        client.post(f"{base}/agreement/", {"agreement_cadence": "weekly"}),
    ]
    expected = 302 if who == "anonymous" else 404
    assert [r.status_code for r in responses] == [expected] * 5
    assert list(ProgramQuestion.objects.values_list("label", flat=True)) == ["Goals?"]
    program.refresh_from_db()
    assert program.agreement_cadence == "fortnightly"


def test_site_staff_edit_any_programs_fields(program):
    staff = member("Sam")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    add(program, staff, label="Goals?")
    assert ProgramQuestion.objects.count() == 1


def test_the_match_and_proposal_follow_the_answers(catalog, program, organizer, questions):
    _, fmt, shifts, _ = (str(q.pk) for q in questions)
    # Rosa fits Ana best on paper but only meets days; Ana meets nights.
    rosa = mentor("Rosa", topics=["cspt"], specialties=["sterile-compounding"], capacity=1)
    walt = mentor("Walt", topics=["cspt"], capacity=1)
    ana = mentee("Ana", topics=["cspt"], specialties=["sterile-compounding"])
    for user, answers in (
        (rosa, {fmt: "Video", shifts: ["Days"]}),
        (walt, {fmt: "Video", shifts: ["Nights"]}),
    ):
        programs.program_join(program=program, user=user, role="mentor", answers=answers)
    programs.program_join(
        program=program, user=ana, role="mentee", answers={fmt: "Video", shifts: ["Nights"]}
    )
    # Cy meets evenings only: no mentor answered alike, so nobody fits.
    cy = mentee("Cy", topics=["cspt"])
    programs.program_join(
        program=program, user=cy, role="mentee", answers={fmt: "Phone", shifts: ["Evenings"]}
    )
    programs.program_match_everyone(program=program, actor=organizer)
    pair = ProgramPair.objects.get()
    # Topic 15, both in Texas 8, the format question 20.
    assert (pair.mentee_id, pair.mentor_id, pair.score) == (ana.pk, walt.pk, 43.0)
    assert pair.reasons == [
        "can help with Preparing for the CSPT",
        "both in Texas",
        "answered \u201cPreferred meeting format\u201d as you did: Video",
    ]
    # By hand, Rosa is refused with the reason; the proposal shows staff both sides' answers.
    with pytest.raises(ValidationError) as raised:
        programs.program_pair_set(
            program=program, actor=organizer, mentee_id=ana.pk, mentor_id=rosa.pk
        )
    assert raised.value.messages == [
        "That pair can't be made: the mentor answered \u201cWhich shifts can you meet "
        "around?\u201d differently (the program asks for the same answer)."
    ]
    page = client_for(organizer).get(f"/mentoring/programs/{program.slug}/manage/")
    assert [
        (p.user_id, why, answers) for p, why, answers in page.context["view"].unmatched_rows
    ] == [
        (
            cy.pk,
            "no mentor in the program fits and passes the hard constraints",
            [
                ("Preferred meeting format", "Phone"),
                ("Which shifts can you meet around?", "Evenings"),
            ],
        )
    ]
    assert "Which shifts can you meet around?: Evenings" in page.content.decode()
    assert page.context["view"].pair_rows == [
        (
            pair,
            [
                ("Preferred meeting format", "Video"),
                ("Which shifts can you meet around?", "Nights"),
            ],
            [
                ("Preferred meeting format", "Video"),
                ("Which shifts can you meet around?", "Nights"),
            ],
        )
    ]


def test_staff_reorder_fields_and_nobody_else_can(program, organizer):
    first, _, third = (add(program, organizer, label=label) for label in ("A?", "B?", "C?"))
    base = f"/mentoring/programs/{program.slug}/questions"
    assert client_for(member("Otto")).post(f"{base}/{third.pk}/up/").status_code == 404
    client = client_for(organizer)
    assert client.post(f"{base}/{third.pk}/up/").status_code == 302
    client.post(f"{base}/{first.pk}/up/")  # the first stays first
    assert client.post(f"{base}/{first.pk}/sideways/").status_code == 404
    assert list(program.questions.values_list("label", flat=True)) == ["A?", "C?", "B?"]
    client.post(f"{base}/{first.pk}/down/")
    assert list(program.questions.values_list("label", "position")) == [
        ("C?", 0),
        ("A?", 1),
        ("B?", 2),
    ]
