"""A program's questionnaire in the pure engine: answers alike add points with a reason,
"must match" questions strike out pairs who answered differently, and the program's optimal
assignment follows them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rxguild.mentoring import assignment, candidates, matching
from rxguild.mentoring.matching import Labels, Mentee, Mentor, Question, Weights

FORMAT = Question(key="q1", label="Preferred meeting format", points=20)
SHIFT = Question(key="q2", label="Which shift do you work?", must_match=True)
WEIGHTS = Weights(questions=(FORMAT, SHIFT))


def answers(**picked: str | list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(
        (key, choice)
        for key, value in picked.items()
        for choice in ([value] if isinstance(value, str) else value)
    )


MENTEE = Mentee(id=1, topics=frozenset({"cspt"}), answers=answers(q1="Video", q2="Nights"))


def mentor(mentor_id: int, **picked: str | list[str]) -> Mentor:
    return Mentor(id=mentor_id, topics=frozenset({"cspt"}), capacity=2, answers=answers(**picked))


def test_answers_alike_add_the_question_points_with_a_reason():
    match = matching.explain(MENTEE, mentor(10, q1="Video", q2="Nights"), WEIGHTS, Labels())
    assert match is not None
    assert match.score == 35.0  # topic 15 + format question 20
    assert [r.text for r in match.reasons] == [
        "can help with cspt",
        "answered \u201cPreferred meeting format\u201d as you did: Video",
    ]
    other = matching.score(MENTEE, mentor(11, q1="Phone", q2="Nights"), WEIGHTS)
    assert other == 15.0


def test_several_choices_score_by_the_share_in_common():
    mentee = replace(MENTEE, answers=answers(q1=["Video", "Phone"], q2="Nights"))
    assert matching.score(mentee, mentor(10, q1=["Phone"], q2="Nights"), WEIGHTS) == 25.0


@pytest.mark.parametrize(
    ("mentor_shift", "excluded"),
    [("Nights", False), ("Days", True), (None, False)],
    ids=["same-answer", "different-answer", "mentor-left-it-blank"],
)
def test_must_match_strikes_out_only_pairs_who_both_answered_differently(mentor_shift, excluded):
    picked = {"q1": "Video"} | ({"q2": mentor_shift} if mentor_shift else {})
    the_mentor = mentor(10, **picked)
    problem = matching.exclusion(MENTEE, the_mentor, WEIGHTS.questions)
    if excluded:
        assert problem == (
            "answered \u201cWhich shift do you work?\u201d differently "
            "(the program asks for the same answer)"
        )
        assert matching.score(MENTEE, the_mentor, WEIGHTS) is None
    else:
        assert problem is None
        assert matching.score(MENTEE, the_mentor, WEIGHTS) == 35.0
    # Without the program's questions (self-match), the answers change nothing.
    assert matching.exclusion(MENTEE, the_mentor) is None


def test_a_constraint_only_question_adds_no_fit_on_its_own():
    lonely = Mentee(id=2, answers=answers(q2="Nights"))
    assert matching.score(lonely, Mentor(id=10, answers=answers(q2="Nights")), WEIGHTS) is None


def test_the_program_match_follows_the_questionnaire():
    # Rosa fits Ana best on the credential but works days; Ana asked for nights.
    rosa = Mentor(
        id=10,
        credentials=frozenset({"cspt"}),
        topics=frozenset({"cspt"}),
        answers=answers(q2="Days"),
    )
    walt = mentor(11, q1="Video", q2="Nights")
    ana = replace(MENTEE, target_credential="cspt")
    without = assignment.assign_optimal([ana], [rosa, walt], Weights())
    assert [(p.mentee_id, p.mentor_id) for p in without.pairs] == [(1, 10)]
    proposal = assignment.assign_optimal([ana], [rosa, walt], WEIGHTS)
    assert [(p.mentee_id, p.mentor_id, p.score) for p in proposal.pairs] == [(1, 11, 35.0)]
    every = candidates.generate([ana], [rosa, walt], WEIGHTS, per_mentee=None, blocking=False)
    assert every.mentor_rows.tolist() == [1]
    assert every.scores.tolist() == [35.0]
