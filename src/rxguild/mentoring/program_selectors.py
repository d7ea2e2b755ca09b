"""Reads for the program pages: programs with the viewer's roles, the viewer's own answers,
and the staff's view of participants, answers and the proposal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rxguild.accounts.viewer import Viewer
from rxguild.mentoring import access
from rxguild.mentoring.models import (
    MentorOffer,
    Program,
    ProgramPair,
    ProgramParticipant,
    ProgramQuestion,
)


def answers_shown(
    questions: Sequence[ProgramQuestion], answers: Mapping[str, object]
) -> list[tuple[str, str]]:
    """(question, answer) for each question answered, as the member gave it."""
    shown = []
    for question in questions:
        value = answers.get(str(question.pk))
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value:
            shown.append((question.label, str(value)))
    return shown


def programs_for(viewer: Viewer) -> list[tuple[Program, set[str]]]:
    """Every program, newest first, with the roles the viewer holds in each."""
    member = access.signed_in_member(viewer)
    roles: dict[int, set[str]] = {}
    for program_id, role in ProgramParticipant.objects.filter(user=member).values_list(
        "program_id", "role"
    ):
        roles.setdefault(program_id, set()).add(role)
    return [(program, roles.get(program.pk, set())) for program in Program.objects.all()]


def program_roles(viewer: Viewer, program: Program) -> set[str]:
    member = access.signed_in_member(viewer)
    return set(
        ProgramParticipant.objects.filter(program=program, user=member).values_list(
            "role", flat=True
        )
    )


@dataclass
class MyProgramRole:
    """One of the viewer's own roles in a program, with their answers (theirs alone to see,
    besides the program's staff)."""

    role: str
    answers: dict[str, str | list[str]]  # as services/questionnaire.py saved them
    shown: list[tuple[str, str]]


def program_my_answers(
    viewer: Viewer, program: Program, questions: list[ProgramQuestion]
) -> list[MyProgramRole]:
    member = access.signed_in_member(viewer)
    return [
        MyProgramRole(p.role, p.answers, answers_shown(questions, p.answers))
        for p in ProgramParticipant.objects.filter(program=program, user=member).order_by("role")
    ]


def join_initial(mine: list[MyProgramRole]) -> dict[str, object]:
    """The join form filled with the viewer's last answers (to change them, join again)."""
    if not mine:
        return {}
    return {"role": mine[0].role, **{f"question_{k}": v for k, v in mine[0].answers.items()}}


@dataclass
class ProgramAdminView:
    program: Program
    mentors: list[ProgramParticipant]
    mentees: list[ProgramParticipant]
    pairs: list[ProgramPair]
    unmatched: list[tuple[ProgramParticipant, str]]
    histogram: list[tuple[str, int, int]]  # bucket, count, bar width in per cent
    seats: int
    questions: list[ProgramQuestion]
    # (user id, role): that participant's answers as (question, answer), for the staff.
    answers: dict[tuple[int, str], list[tuple[str, str]]]

    @property
    def unmatched_rows(self) -> list[tuple[ProgramParticipant, str, list[tuple[str, str]]]]:
        """Each unmatched mentee with why and their answers (for pairing by hand)."""
        return [
            (participant, why, self.answers.get((participant.user_id, "mentee"), []))
            for participant, why in self.unmatched
        ]

    @property
    def pair_rows(self) -> list[tuple[ProgramPair, list[tuple[str, str]], list[tuple[str, str]]]]:
        """Each pair with the mentee's answers and the mentor's."""
        return [
            (
                pair,
                self.answers.get((pair.mentee_id, "mentee"), []),
                self.answers.get((pair.mentor_id, "mentor"), []),
            )
            for pair in self.pairs
        ]


def program_admin_view(
    program: Program, questions: list[ProgramQuestion] | None = None
) -> ProgramAdminView:
    """The staff page: participants with their answers, the proposal with reasons, its score
    distribution and who is unmatched and why. Five queries (six without `questions`)."""
    if questions is None:
        questions = list(ProgramQuestion.objects.filter(program=program))
    participants = list(
        ProgramParticipant.objects.filter(program=program).select_related("user__profile")
    )
    answers = {(p.user_id, p.role): answers_shown(questions, p.answers) for p in participants}

    pairs = list(
        ProgramPair.objects.filter(program=program).select_related(
            "mentor__profile", "mentee__profile"
        )
    )
    mentors = [p for p in participants if p.role == ProgramParticipant.Role.MENTOR]
    mentees = [p for p in participants if p.role == ProgramParticipant.Role.MENTEE]
    paired = {pair.mentee_id for pair in pairs}
    unmatched = [
        (p, program.unmatched.get(str(p.user_id), "not matched yet"))
        for p in mentees
        if p.user_id not in paired
    ]
    counts: dict[int, int] = {}
    for pair in pairs:
        low = int(max(0.0, pair.score) // 10) * 10
        counts[low] = counts.get(low, 0) + 1
    peak = max(counts.values(), default=1)
    histogram = [
        (f"{low} to {low + 9}", counts[low], round(100 * counts[low] / peak))
        for low in sorted(counts)
    ]
    capacities = dict(
        MentorOffer.objects.filter(user_id__in=[p.user_id for p in mentors]).values_list(
            "user_id", "capacity"
        )
    )
    return ProgramAdminView(
        program=program,
        mentors=mentors,
        mentees=mentees,
        pairs=pairs,
        unmatched=unmatched,
        histogram=histogram,
        seats=sum(capacities.values()),
        questions=questions,
        answers=answers,
    )
