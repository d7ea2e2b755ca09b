"""The members' choices in one factor as 0/1 tables, for candidates.py (no Django).

A family is one factor (specialty, topic, a program question...): each side's distinct
choices as rows of 0/1 columns over the codes either side uses, and per member which row is
theirs, so a block of mentees is scored against its mentors as small matrix products.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from rxguild.mentoring.matching import Mentee, Mentor, Question, answered

Ints = npt.NDArray[np.int64]
Bits = npt.NDArray[np.bool_]

QUESTION = "question:"  # a family of one program question's answers: "question:<key>"


def _wanted(family: str, mentee: Mentee) -> object:
    """What the mentee wants of a family, as a hashable value (`_codes` turns it into codes)."""
    if family.startswith(QUESTION):
        return answered(mentee.answers, family.removeprefix(QUESTION))
    if family == "credential":
        return mentee.target_credential
    if family == "state":
        return mentee.home_state
    return getattr(mentee, _ATTRIBUTE[family])


def _offered(family: str, mentor: Mentor) -> object:
    if family.startswith(QUESTION):
        return answered(mentor.answers, family.removeprefix(QUESTION))
    if family == "state":  # the states a mentor is in or speaks for (matching._in_state)
        return (mentor.home_state, mentor.states)
    return getattr(mentor, _ATTRIBUTE[family])


def _codes(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value}) if value else frozenset()
    if isinstance(value, tuple):
        home, states = value
        return frozenset(states) | ({home} if home else frozenset())
    assert isinstance(value, frozenset)
    return value


_ATTRIBUTE = {
    "specialty": "specialties",
    "setting": "settings",
    "topic": "topics",
    "language": "languages",
    "format": "formats",
    "credential": "credentials",
}


@dataclass(frozen=True)
class Family:
    """One factor's codes as 0/1 columns. Members repeat each other's choices (a few hundred
    distinct topic sets among 20,000 mentees), so each side is a table of its distinct
    choices and, per member, which choice is theirs."""

    mentee_choices: Bits  # (distinct mentee choices, codes)
    mentor_choices: Bits  # (distinct mentor choices, codes)
    mentee_choice: Ints  # each mentee's row in mentee_choices
    mentor_choice: Ints
    columns: list[list[int]]  # each mentee's codes, as columns

    @property
    def mentees(self) -> Bits:
        return self.mentee_choices[self.mentee_choice]

    @property
    def mentors(self) -> Bits:
        return self.mentor_choices[self.mentor_choice]

    @property
    def width(self) -> int:
        return int(self.mentee_choices.shape[1])

    def in_common(self) -> Ints:
        """Codes shared, per pair of choices."""
        counts: Ints = self.mentee_choices.astype(np.int64) @ self.mentor_choices.T.astype(np.int64)
        return counts

    @cached_property
    def apart(self) -> Bits:
        """For "must match": per pair of choices, both answered and no choice in common."""
        mentee_answered: Bits = np.any(self.mentee_choices, axis=1)
        mentor_answered: Bits = np.any(self.mentor_choices, axis=1)
        both: Bits = np.outer(mentee_answered, mentor_answered)
        found: Bits = (self.in_common() == 0) & both
        return found

    def differ(self, rows: Ints, block: Ints) -> Bits:
        """The mentees (rows) and mentors (block positions) who answered differently."""
        found: Bits = self.apart[np.ix_(self.mentee_choice[rows], self.mentor_choice[block])]
        return found


def family(name: str, mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> Family:
    sides = []
    for values in ([_wanted(name, m) for m in mentees], [_offered(name, m) for m in mentors]):
        distinct: dict[object, int] = {}
        ids = [distinct.setdefault(value, len(distinct)) for value in values]
        sides.append((np.array(ids, dtype=np.int64), [_codes(value) for value in distinct]))
    vocabulary = sorted(set().union(*sides[0][1], *sides[1][1]))
    index = {code: column for column, code in enumerate(vocabulary)}
    tables, columns = [], []
    for _, code_sets in sides:
        choice_columns = [sorted(index[c] for c in codes) for codes in code_sets]
        table = np.zeros((len(code_sets), len(vocabulary)), dtype=np.bool_)
        for row, choice in enumerate(choice_columns):
            table[row, choice] = True
        tables.append(table)
        columns.append(choice_columns)
    return Family(
        mentee_choices=tables[0],
        mentor_choices=tables[1],
        mentee_choice=sides[0][0],
        mentor_choice=sides[1][0],
        columns=[columns[0][i] for i in sides[0][0].tolist()],
    )


def scored(questions: Sequence[Question]) -> dict[str, Question]:
    """The questions that add points, by family name, in the engine's order."""
    return {f"{QUESTION}{q.key}": q for q in questions if q.points > 0}


def question_families(
    questions: Sequence[Question],
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    *,
    adding_points: bool,
) -> dict[str, Family]:
    """A family per question that adds points, or (not `adding_points`) per "must match"
    question."""
    names = (
        scored(questions)
        if adding_points
        else {f"{QUESTION}{q.key}": q for q in questions if q.must_match}
    )
    return {name: family(name, mentees, mentors) for name in names}
