"""The mentor-mentee matching engine: plain data in, scores with their reasons out.

No Django here (STYLE.md, pure engines): the caller turns members into `Mentor` and `Mentee`
records of codes and ids, and gets back `Match`es whose `reasons` say in plain words why a
mentor fits ("holds CSPT, which you are working toward"), so no page recomputes why.

A pair is scored only if it passes every hard constraint (`exclusion`): the mentor takes
mentees now (not paused, inside their availability window), has a seat left, is not the
mentee, has no block with the mentee either way, does not work where the mentee works when
the mentee asked for "outside my employer", is in (or speaks for) the mentee's state when they
asked for "same state", and is not already their mentor or asked. The score is the sum of
weighted factors (weights are data: data/mentoring/weights.toml, or a program's own), less a
load penalty so that a mentor near capacity ranks lower and recommendations spread out. A
pair with no fitting factor at all is not a match, however free the mentor is.

A program adds its questionnaire (`Question`s in its `Weights`): a question with points adds
them, scaled like topics, when mentor and mentee picked a choice in common; a "must match"
question strikes out a pair who both answered it with nothing in common (one who left an
optional question blank is not struck out). Answers come in as plain (question key, choice)
pairs on each record; self-match has no questionnaire.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from rxguild.core.factfiles import read_toml

DEFAULT_WEIGHTS_FILE = Path(__file__).resolve().parents[3] / "data" / "mentoring" / "weights.toml"

FIT_FACTORS = ("credential", "specialty", "setting", "topic", "state", "language", "format")


@dataclass(frozen=True)
class Question:
    """A program's choice question as a matching factor: `points` when mentor and mentee
    answer alike (0: no factor), `must_match` to strike out pairs who answer differently."""

    key: str
    label: str
    points: float = 0
    must_match: bool = False


@dataclass(frozen=True)
class Weights:
    credential: float = 30
    specialty: float = 25
    setting: float = 15
    topic: float = 15
    state: float = 8
    language: float = 5
    format: float = 2
    load: float = 12
    questions: tuple[Question, ...] = ()

    @classmethod
    def from_mapping(cls, points: Mapping[str, float]) -> Weights:
        """Weights from {factor: points}; unknown factors are an error, missing ones default."""
        known = {f.name for f in fields(cls)} - {"questions"}
        unknown = sorted(set(points) - known)
        if unknown:
            raise ValueError(f"Unknown weight factor(s): {', '.join(unknown)}")
        values = {name: float(value) for name, value in points.items()}
        if any(value < 0 or value > 1000 for value in values.values()):
            raise ValueError("Weights are between 0 and 1000 points.")
        return cls(**values)  # type: ignore[arg-type]  # questions is never among them

    def as_dict(self) -> dict[str, float]:
        """The points of each factor (the questionnaire's are in `questions`)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "questions"}


def load_weights(path: Path = DEFAULT_WEIGHTS_FILE) -> tuple[Weights, dict[str, str]]:
    """The weights in a data file and why each is what it is."""
    document = read_toml(path)
    table = document["weights"]
    weights = Weights.from_mapping({name: row["points"] for name, row in table.items()})
    return weights, {name: str(row.get("why", "")) for name, row in table.items()}


@dataclass(frozen=True)
class Mentor:
    id: int
    home_state: str = ""
    states: frozenset[str] = frozenset()  # states they speak for, besides their own
    credentials: frozenset[str] = frozenset()  # credential codes held
    # Held credentials the wallet verified (a document staff checked, or a signed badge).
    verified_credentials: frozenset[str] = frozenset()
    specialties: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    employers: frozenset[str] = frozenset()  # normalised names of current employers
    capacity: int = 1
    load: int = 0  # open mentorships now
    available: bool = True  # not paused and inside the availability window today
    answers: frozenset[tuple[str, str]] = frozenset()  # a program's (question key, choice)

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.load)


@dataclass(frozen=True)
class Mentee:
    id: int
    home_state: str = ""
    target_credential: str = ""
    specialties: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    employers: frozenset[str] = frozenset()
    outside_employer: bool = False
    same_state: bool = False
    blocked: frozenset[int] = frozenset()  # members in a block with the mentee, either way
    matched: frozenset[int] = frozenset()  # mentors already theirs or already asked
    answers: frozenset[tuple[str, str]] = frozenset()  # a program's (question key, choice)


def answered(answers: frozenset[tuple[str, str]], key: str) -> frozenset[str]:
    """The choices picked for one question."""
    return frozenset(choice for question, choice in answers if question == key)


@dataclass(frozen=True)
class Labels:
    """Names for codes, so reasons read "holds CSPT", not "holds ptcb-cspt"."""

    credentials: Mapping[str, str] = field(default_factory=dict)
    specialties: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, str] = field(default_factory=dict)
    topics: Mapping[str, str] = field(default_factory=dict)
    languages: Mapping[str, str] = field(default_factory=dict)
    states: Mapping[str, str] = field(default_factory=dict)
    formats: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    factor: str
    points: float
    text: str


@dataclass(frozen=True)
class Match:
    mentor_id: int
    mentee_id: int
    score: float
    reasons: tuple[Reason, ...]


# Hard constraints, in the order they are checked. The words are for staff and tests; a
# mentee is never told that a block is why someone is missing.
class Exclusion:
    SELF = "is the mentee"
    UNAVAILABLE = "is not taking mentees now (paused or outside their availability)"
    FULL = "has no seat left"
    BLOCKED = "is in a block with the mentee"
    SAME_EMPLOYER = "works where the mentee works (they asked for outside their employer)"
    OTHER_STATE = "is not in the mentee's state (they asked for the same state)"
    ALREADY = "is already their mentor or already asked"
    ANSWERED_OTHERWISE = (
        "answered \u201c{}\u201d differently (the program asks for the same answer)"
    )


def _in_state(mentee: Mentee, mentor: Mentor) -> bool:
    return bool(mentee.home_state) and (
        mentee.home_state == mentor.home_state or mentee.home_state in mentor.states
    )


def exclusion(mentee: Mentee, mentor: Mentor, questions: Sequence[Question] = ()) -> str | None:
    """The first hard constraint the pair fails, or None when they may be matched;
    `questions` are the program's (its "must match" ones count here)."""
    if mentor.id == mentee.id:
        return Exclusion.SELF
    if not mentor.available:
        return Exclusion.UNAVAILABLE
    if mentor.seats_left <= 0:
        return Exclusion.FULL
    if mentor.id in mentee.blocked:
        return Exclusion.BLOCKED
    if mentee.outside_employer and mentee.employers & mentor.employers:
        return Exclusion.SAME_EMPLOYER
    if mentee.same_state and not _in_state(mentee, mentor):
        return Exclusion.OTHER_STATE
    if mentor.id in mentee.matched:
        return Exclusion.ALREADY
    for question in questions:
        if question.must_match:
            wanted = answered(mentee.answers, question.key)
            offered = answered(mentor.answers, question.key)
            if wanted and offered and not wanted & offered:
                return Exclusion.ANSWERED_OTHERWISE.format(question.label)
    return None


def _share(wanted: frozenset[str], offered: frozenset[str]) -> tuple[float, frozenset[str]]:
    if not wanted:
        return 0.0, frozenset()
    common = wanted & offered
    return len(common) / len(wanted), common


# A factor's points and the codes behind them; reasons are written from these only for the
# matches a member will see (a 4,000-mentor ranking writes twenty sets of reasons, not 4,000).
Factor = tuple[str, float, frozenset[str]]


def factors(mentee: Mentee, mentor: Mentor, weights: Weights) -> list[Factor]:
    """Every factor that adds (or, for load, takes away) points for this pair."""
    found: list[Factor] = []
    if mentee.target_credential and mentee.target_credential in mentor.credentials:
        found.append(("credential", weights.credential, frozenset({mentee.target_credential})))
    for name, wanted, offered, weight in (
        ("specialty", mentee.specialties, mentor.specialties, weights.specialty),
        ("setting", mentee.settings, mentor.settings, weights.setting),
        ("topic", mentee.topics, mentor.topics, weights.topic),
    ):
        share, common = _share(wanted, offered)
        if common:
            found.append((name, weight * share, common))
    if _in_state(mentee, mentor):
        found.append(("state", weights.state, frozenset({mentee.home_state})))
    common_languages = mentee.languages & mentor.languages
    if common_languages:
        found.append(("language", weights.language, common_languages))
    common_formats = mentee.formats & mentor.formats
    if common_formats:
        found.append(("format", weights.format, common_formats))
    for question in weights.questions:
        if question.points > 0:
            share, common = _share(
                answered(mentee.answers, question.key), answered(mentor.answers, question.key)
            )
            if common:
                found.append((f"question:{question.key}", question.points * share, common))
    if found and mentor.load and mentor.capacity:
        found.append(("load", -weights.load * mentor.load / mentor.capacity, frozenset()))
    return found


def _total(found: Sequence[Factor]) -> float:
    return round(sum(points for _, points, _ in found), 6)


def _names(codes: Iterable[str], labels: Mapping[str, str]) -> str:
    names = sorted(labels.get(code, code) for code in codes)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def credential_names(codes: Iterable[str], mentor: Mentor, labels: Labels) -> str:
    """ "CSPT (verified) and CPhT": the wallet's word, where it has one, beside each name."""
    named = {
        labels.credentials.get(code, code)
        + (" (verified)" if code in mentor.verified_credentials else "")
        for code in codes
    }
    return _names(named, {})


def _reason(
    factor: Factor, mentee: Mentee, mentor: Mentor, labels: Labels, weights: Weights
) -> Reason:
    name, points, codes = factor
    points = round(points, 2)
    if name == "credential":
        text = f"holds {credential_names(codes, mentor, labels)}, which you are working toward"
    elif name == "specialty":
        text = f"works in {_names(codes, labels.specialties)}"
    elif name == "setting":
        text = f"works in the setting you are aiming for: {_names(codes, labels.settings)}"
    elif name == "topic":
        text = f"can help with {_names(codes, labels.topics)}"
    elif name == "state":
        state = _names(codes, labels.states)
        if mentor.home_state == mentee.home_state:
            text = f"both in {state}"
        else:
            text = f"knows {state}'s registration rules and jobs"
    elif name == "language":
        text = f"speaks {_names(codes, labels.languages)}"
    elif name == "format":
        text = f"can meet the way you prefer: {_names(codes, labels.formats).lower()}"
    elif name.startswith("question:"):
        key = name.removeprefix("question:")
        label = next((q.label for q in weights.questions if q.key == key), key)
        text = f"answered \u201c{label}\u201d as you did: {_names(codes, {})}"
    else:
        text = f"has {mentor.load} of {mentor.capacity} mentee seats taken, so ranks a little lower"
    return Reason(factor=name, points=points, text=text)


def explain(mentee: Mentee, mentor: Mentor, weights: Weights, labels: Labels) -> Match | None:
    """The pair's match with its reasons, or None when it fails a hard constraint or nothing
    fits."""
    if exclusion(mentee, mentor, weights.questions) is not None:
        return None
    found = factors(mentee, mentor, weights)
    if not found:
        return None
    return Match(
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        score=_total(found),
        reasons=tuple(_reason(f, mentee, mentor, labels, weights) for f in found),
    )


def score(mentee: Mentee, mentor: Mentor, weights: Weights) -> float | None:
    """The pair's score without reasons (for ranking and assignment), None if not a match."""
    if exclusion(mentee, mentor, weights.questions) is not None:
        return None
    found = factors(mentee, mentor, weights)
    return _total(found) if found else None


def recommend(
    mentee: Mentee,
    mentors: Iterable[Mentor],
    weights: Weights,
    labels: Labels,
    *,
    limit: int = 20,
) -> list[Match]:
    """The best `limit` mentors for `mentee`, best first; ties go to the lower id, so the
    same input always gives the same list."""
    by_id = {}
    scored: list[tuple[float, int]] = []
    for mentor in mentors:
        value = score(mentee, mentor, weights)
        if value is not None:
            scored.append((-value, mentor.id))
            by_id[mentor.id] = mentor
    scored.sort()
    ranked = []
    for _, mentor_id in scored[:limit]:
        match = explain(mentee, by_id[mentor_id], weights, labels)
        assert match is not None  # scored above under the same rules
        ranked.append(match)
    return ranked


def featured(ranked: Sequence[Match], *, rotation: int, pool: int = 5) -> Match | None:
    """A featured pick that rotates among the close runners-up (within 80% of the best
    score, at most `pool` of them), so the single top mentor is not everyone's first ask.
    `rotation` is any number that changes over time and between mentees (for example the
    day's ordinal plus the mentee's id)."""
    if not ranked:
        return None
    best = ranked[0].score
    close = [match for match in ranked[:pool] if match.score >= best - 0.2 * abs(best)]
    return close[rotation % len(close)]
