"""What the ATS engine returns: plain frozen dataclasses (no Django), so pages, the API and
the benchmark read the same objects."""

from __future__ import annotations

from dataclasses import dataclass

EXACT = "exact"
SYNONYM = "synonym"
FUZZY = "fuzzy"


@dataclass(frozen=True, slots=True)
class Hit:
    code: str
    name: str
    kind: str  # "skill" or "credential"
    category: str
    start: int
    end: int
    text: str  # exactly as written: original[start:end]
    matched_by: str  # exact | synonym | fuzzy
    negated: bool = False
    # Named as wanted, planned or in progress, not held ("pursuing the CSPT"; `ats_held`).
    wanted: bool = False


@dataclass(frozen=True, slots=True)
class PostingItem:
    code: str
    name: str
    kind: str
    category: str
    importance: str  # required | preferred | not_required
    written: str  # the posting's form


@dataclass(frozen=True, slots=True)
class PostingProfile:
    """What a posting asks for; computed once and cached, so ranking is set arithmetic."""

    items: tuple[PostingItem, ...]
    required_credentials: frozenset[str]
    required_skills: frozenset[str]
    preferred: frozenset[str]
    years_required: float | None
    years_preferred: float | None
    no_experience_required: bool
    shifts: tuple[str, ...]
    settings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    name: str
    weight: int
    matched: float
    total: float
    points: float
    # What this part is worth in this analysis: its weight, scaled up when the posting does
    # not ask for every part (the weights of absent parts are shared among the rest).
    max_points: float = 0.0

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class MatchedItem:
    code: str
    name: str
    kind: str
    category: str
    importance: str
    posting_text: str
    resume_text: str
    # The narrower term the resume names, when the match is through it ("Omnicell" for
    # automated dispensing cabinets); empty for a direct match.
    through: str = ""


@dataclass(frozen=True, slots=True)
class MissingItem:
    code: str
    name: str
    kind: str
    category: str
    importance: str
    posting_text: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class WantedItem:
    """Something the posting asks for that the resume names only as wanted or in progress:
    shown to the member, never scored."""

    code: str
    name: str
    kind: str
    importance: str
    posting_text: str
    resume_text: str
    message: str


@dataclass(frozen=True, slots=True)
class LiteralHint:
    code: str
    name: str
    posting_text: str
    resume_text: str
    message: str


@dataclass(frozen=True, slots=True)
class ResumeCheck:
    code: str
    severity: str  # "warning" | "error"
    message: str


@dataclass(frozen=True, slots=True)
class Analysis:
    score: int
    components: tuple[ScoreComponent, ...]
    computation: str
    matched: tuple[MatchedItem, ...]
    missing: tuple[MissingItem, ...]
    literal_hints: tuple[LiteralHint, ...]
    checks: tuple[ResumeCheck, ...]
    posting: PostingProfile
    resume_years: float
    # Posting items the resume names as wanted or in progress (never scored).
    wanted: tuple[WantedItem, ...] = ()
    # Practice settings the resume names, read as a posting's are ("retail", "hospital").
    resume_settings: tuple[str, ...] = ()

    # The settings in words for the analysis page ("long term care"); shown, never scored.
    @property
    def posting_setting_names(self) -> tuple[str, ...]:
        return tuple(code.replace("_", " ") for code in self.posting.settings)

    @property
    def resume_setting_names(self) -> tuple[str, ...]:
        return tuple(code.replace("_", " ") for code in self.resume_settings)

    @property
    def settings_not_named(self) -> tuple[str, ...]:
        """The posting's settings the resume does not name."""
        return tuple(
            code.replace("_", " ")
            for code in self.posting.settings
            if code not in self.resume_settings
        )


@dataclass(frozen=True, slots=True)
class RankedPosting:
    index: int
    score: int
