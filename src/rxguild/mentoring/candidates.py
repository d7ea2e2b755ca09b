"""Candidate pairs for a program match: blocking, scoring and the top few per mentee (no Django).

A cohort of 20,000 mentees and 4,000 mentors has 80 million pairs; scoring each in Python
(`matching.score`) takes minutes. The optimiser needs only a sparse graph of pairs worth
considering, so:

1. **Blocking.** A mentee is compared only with the mentors who share what they are working
   toward: the target credential (when it tells mentors apart: one held by more than half of
   them, such as the CPhT, does not) or one of their specialties. A mentee who names neither
   is compared with the mentors who share a topic; one with no topic either, with every mentor
   (still scored, so only those who fit on some factor are kept). Mentees with the same block
   share one list of mentors, so each block is scored as one small matrix.
2. **Scoring.** Within a block the engine's weighted factors become a matrix product (numpy):
   each factor's share is a mentee row of weight / wanted count against a mentor row of 0/1,
   language and format count once whatever the number in common. The hard constraints of
   `matching.exclusion` are applied there: unavailable or full mentors never enter, blocks
   either way, "outside my employer", "same state", self and mentors already theirs are
   struck out before ranking, so they never take a place in the top k.
3. **Top k.** Each mentee keeps their `per_mentee` best mentors. Their scores are then
   recomputed factor by factor in the engine's own order and rounding, so a candidate's score
   is exactly `matching.score` for the pair, and which factors fitted (the reasons) can be
   written for the chosen pairs by `matching.explain`.

Program scores leave the load penalty out, as `assignment` does: within a program the
capacities themselves spread the mentees. A program's questionnaire (`Weights.questions`)
adds one family per question with points, scored like topics; "must match" questions strike
out, like the other hard constraints, the pairs who both answered them with nothing in common.
Questions take no part in blocking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rxguild.mentoring.candidate_families import (
    QUESTION,
    Family,
    family,
    question_families,
    scored,
)
from rxguild.mentoring.matching import Mentee, Mentor, Weights

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bits = npt.NDArray[np.bool_]

# Families in the order matching.factors adds them, so the exact totals add up the same way.
FAMILIES = ("credential", "specialty", "setting", "topic", "state", "language", "format")
# Shared by more than this share of the mentors, a target credential blocks nothing.
SELECTIVE_SHARE = 0.5
# Factors scored by the share of the mentee's codes the mentor has (matching._share).
SHARED = ("specialty", "setting", "topic")


@dataclass(frozen=True)
class Candidates:
    """Pairs worth considering, one row each: positions into the mentees and mentors passed in,
    and the pair's exact score."""

    mentee_rows: Ints
    mentor_rows: Ints
    scores: Floats

    def __len__(self) -> int:
        return int(self.scores.shape[0])


def _struck_out(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> dict[int, list[int]]:
    """Mentor positions each mentee may not be paired with: self, blocks either way, mentors
    already theirs or asked, and (when asked) mentors at the mentee's employer."""
    position = {mentor.id: row for row, mentor in enumerate(mentors)}
    by_employer: dict[str, list[int]] = defaultdict(list)
    for row, mentor in enumerate(mentors):
        for employer in mentor.employers:
            by_employer[employer].append(row)
    struck: dict[int, list[int]] = {}
    for row, mentee in enumerate(mentees):
        ids = {mentee.id} | mentee.blocked | mentee.matched
        rows = [position[i] for i in ids if i in position]
        if mentee.outside_employer:
            for employer in mentee.employers:
                rows.extend(by_employer.get(employer, ()))
        if rows:
            struck[row] = rows
    return struck


Block = tuple[str, tuple[int, ...]]


def _blocks(
    families: dict[str, Family], offsets: dict[str, int], blocking: bool
) -> dict[Block, list[int]]:
    """Mentee positions grouped by their block: the columns (into the mentors' 0/1 table of
    every family) of which a mentor must have one to be compared with them."""
    credential = families["credential"]
    held_by = credential.mentors.sum(axis=0)
    selective = {
        int(c)
        for c in np.flatnonzero(
            (held_by > 0) & (held_by <= SELECTIVE_SHARE * credential.mentors.shape[0])
        )
    }
    groups: dict[Block, list[int]] = defaultdict(list)
    specialties, topics = families["specialty"].columns, families["topic"].columns
    for row, targets in enumerate(credential.columns):
        if not blocking:
            groups[("all", ())].append(row)
            continue
        goals = [offsets["credential"] + c for c in targets if c in selective]
        goals += [offsets["specialty"] + c for c in specialties[row]]
        if goals:
            groups[("goals", tuple(sorted(goals)))].append(row)
        elif topics[row]:
            groups[("topics", tuple(sorted(offsets["topic"] + c for c in topics[row])))].append(row)
        else:
            groups[("all", ())].append(row)
    return groups


# Ranking within a block uses scores in whole steps of 1/RANK_STEPS of the best possible
# score (16-bit integers select the top k several times faster than floats); kept pairs get
# their exact score afterwards.
RANK_STEPS = 30_000
OUT = np.iinfo(np.int16).min  # a pair that fails a hard constraint or fits on nothing
ROWS_AT_ONCE = 512  # a block's mentees scored together (bounds memory when every mentor is in it)


def generate(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    *,
    per_mentee: int | None = 10,
    blocking: bool = True,
) -> Candidates:
    """The candidate pairs: each mentee's `per_mentee` best mentors within their block that
    pass every hard constraint and fit on at least one factor (all of them when `per_mentee`
    is None; every mentor is in the block when `blocking` is False). Same input, same pairs."""
    open_rows = [row for row, m in enumerate(mentors) if m.available and m.seats_left > 0]
    open_mentors = [mentors[row] for row in open_rows]
    nothing = np.zeros(0, dtype=np.int64)
    if not mentees or not open_mentors:
        return Candidates(nothing, nothing, np.zeros(0, dtype=np.float64))
    families = {name: family(name, mentees, open_mentors) for name in FAMILIES}
    points = {name: float(getattr(weights, name)) for name in FAMILIES}
    offsets, start = {}, 0
    for name in FAMILIES:
        offsets[name] = start
        start += families[name].width
    scored_questions = question_families(
        weights.questions, mentees, open_mentors, adding_points=True
    )
    must_match = question_families(weights.questions, mentees, open_mentors, adding_points=False)
    families.update(scored_questions)
    points.update({name: float(q.points) for name, q in scored(weights.questions).items()})
    # After the engine's own families: offsets above index the first five only (blocking).
    linear_families = (*FAMILIES[:5], *scored_questions)
    # Credential, specialty, setting, topic and state as one product: a mentee's row holds,
    # per code they want, its factor's points (a share factor's spread over the codes
    # wanted), a mentor's row 0/1.
    per_code = np.hstack(
        [
            families[name].mentees
            * (
                points[name] / families[name].mentees.sum(axis=1).clip(min=1)
                if name in SHARED or name.startswith(QUESTION)
                else np.full(len(mentees), points[name])
            )[:, None]
            for name in linear_families
        ]
    )
    wants = np.hstack([families[name].mentees for name in linear_families])
    # Mentors by code first: a block takes whole rows of it, which is cheap.
    offers = np.ascontiguousarray(np.hstack([families[name].mentors for name in linear_families]).T)
    # Language and format count once however many codes are shared: a table of their points
    # per pair of choices.
    extra_table, extra_fits, mentee_extra, mentor_extra = _counted_once(families, points)
    rank = RANK_STEPS / max(1.0, sum(points.values()))
    zero_weight = min(points[name] for name in FAMILIES) == 0
    struck = _struck_out(mentees, open_mentors)
    same_state = np.array([m.same_state for m in mentees], dtype=np.bool_)
    home_column = np.array(
        [offsets["state"] + c[0] if c else -1 for c in families["state"].columns], dtype=np.int64
    )

    found_mentees: list[Ints] = []
    found_mentors: list[Ints] = []
    position = np.full(len(open_mentors), -1, dtype=np.int64)
    for (kind, key), whole_group in sorted(_blocks(families, offsets, blocking).items()):
        if kind == "all":
            block = np.arange(len(open_mentors))
        else:
            block = np.flatnonzero(offers[list(key)].any(axis=0))
        if block.size == 0:
            continue
        position[block] = np.arange(block.size)
        for first in range(0, len(whole_group), ROWS_AT_ONCE):
            group = whole_group[first : first + ROWS_AT_ONCE]
            rows = np.array(group, dtype=np.int64)
            # Only the codes someone in the group wants can add points.
            wanted = np.flatnonzero(wants[rows].any(axis=0))
            offered = offers[wanted][:, block].astype(np.float64)
            score = per_code[rows][:, wanted] @ offered
            score += extra_table[mentee_extra[rows][:, None], mentor_extra[block][None, :]]
            if zero_weight:  # a factor worth 0 points still makes the pair a fit
                fits = (wants[rows][:, wanted].astype(np.float64) @ offered) > 0
                fits |= extra_fits[mentee_extra[rows][:, None], mentor_extra[block][None, :]]
            else:  # every factor adds points: a pair that shares nothing scores 0
                fits = score > 0
            ranked = np.where(fits, np.rint(score * rank), OUT).astype(np.int16)
            _strike(ranked, group, struck, position)
            for question in must_match.values():
                ranked[question.differ(rows, block)] = OUT
            ss = np.flatnonzero(same_state[rows])
            if ss.size:
                home = home_column[rows[ss]]
                covers = offers[home.clip(min=0)][:, block] & (home >= 0)[:, None]
                ranked[ss] = np.where(covers, ranked[ss], OUT)
            if per_mentee is not None and block.size > per_mentee:
                top = np.argpartition(ranked, block.size - per_mentee, axis=1)[:, -per_mentee:]
            else:
                top = np.broadcast_to(np.arange(block.size), (rows.size, block.size))
            kept = np.take_along_axis(ranked, top, axis=1) > OUT
            found_mentees.append(np.repeat(rows, top.shape[1])[kept.ravel()])
            found_mentors.append(block[top[kept]])
        position[block] = -1
    if not found_mentees:
        return Candidates(nothing, nothing, np.zeros(0, dtype=np.float64))
    mentee_rows = np.concatenate(found_mentees)
    mentor_rows = np.concatenate(found_mentors)
    order = np.lexsort((mentor_rows, mentee_rows))
    mentee_rows, mentor_rows = mentee_rows[order], mentor_rows[order]
    scores = _exact_scores(
        families, points, (*FAMILIES, *scored_questions), mentee_rows, mentor_rows
    )
    return Candidates(mentee_rows, np.array(open_rows, dtype=np.int64)[mentor_rows], scores)


def _counted_once(
    families: dict[str, Family], points: dict[str, float]
) -> tuple[Floats, Bits, Ints, Ints]:
    """Language and format points per pair of (language, format) choices, whether the pair
    shares either, and each member's choice."""
    language, meeting = families["language"], families["format"]
    speaks, meets = language.in_common() > 0, meeting.in_common() > 0
    shape = (speaks.shape[0] * meets.shape[0], speaks.shape[1] * meets.shape[1])
    table = (
        points["language"] * speaks[:, None, :, None] + points["format"] * meets[None, :, None, :]
    ).reshape(shape)
    fits = (speaks[:, None, :, None] | meets[None, :, None, :]).reshape(shape)
    mentee = language.mentee_choice * meets.shape[0] + meeting.mentee_choice
    mentor = language.mentor_choice * meets.shape[1] + meeting.mentor_choice
    return table, fits, mentee, mentor


def _strike(
    ranked: npt.NDArray[np.int16], group: list[int], struck: dict[int, list[int]], position: Ints
) -> None:
    """Take out the pairs a mentee may not have (self, blocks, employer, already theirs)."""
    local_rows, mentor_positions = [], []
    for local, row in enumerate(group):
        cut = struck.get(row)
        if cut is not None:
            local_rows.extend([local] * len(cut))
            mentor_positions.extend(cut)
    if local_rows:
        columns = position[mentor_positions]
        inside = columns >= 0
        ranked[np.array(local_rows)[inside], columns[inside]] = OUT


def _exact_scores(
    families: dict[str, Family],
    points: dict[str, float],
    order: Sequence[str],
    mentee_rows: Ints,
    mentor_rows: Ints,
) -> Floats:
    """`matching.score` for each pair, to the bit: the same factor points added in the same
    order, then Python's own rounding."""
    total = np.zeros(mentee_rows.shape[0], dtype=np.float64)
    for name in order:
        table = families[name]
        mentee_choice = table.mentee_choice[mentee_rows]
        common = table.in_common()[mentee_choice, table.mentor_choice[mentor_rows]]
        if name in SHARED or name.startswith(QUESTION):
            wanted = table.mentee_choices.sum(axis=1)[mentee_choice].astype(np.float64)
            value = points[name] * (common / wanted.clip(min=1.0))
        else:
            value = np.full(common.shape, points[name])
        total = total + np.where(common > 0, value, 0.0)
    # Few distinct totals: round each once, the way Python does.
    distinct, which = np.unique(total, return_inverse=True)
    rounded = np.array([round(value, 6) for value in distinct.tolist()], dtype=np.float64)
    result: Floats = rounded[which]
    return result
