"""A state's trainee registration named after its main one without the state again:
"Iowa pharmacy technician registration or trainee registration", "Nevada technician
registration (technicians in training considered)". The trainee words alone name no state, so
they are read only in the clause of a state registration, as that state's trainee credential.
Pure Python, no Django."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rxguild.resumes.ats_forms import FormInfo, RawHit
from rxguild.resumes.ats_results import SYNONYM
from rxguild.resumes.ats_state_forms import TRAINEE_VARIANTS
from rxguild.resumes.ats_taxonomy import Term

_STATE_MAIN_RE = re.compile(r"state-([a-z]{2})-(?:certified-)?technician$")
# The words that name the trainee step, up to the end of the clause the registration is in.
_TRAINEE_RE = re.compile(
    r"\b(?:(?:pharmacy\s+)?(?:technician\s+)?trainees?(?:\s+(?:registration|license|permit))?"
    r"|(?:technicians?\s+)?in[- ]training)\b",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(r"[.;:!?\n]")
_REFUSAL_RE = re.compile(r"\b(?:no|not|never|nor)\b", re.IGNORECASE)
_REACH = 80  # characters after the main registration


class TraineeMentions:
    """Each state's trainee credential (the first variant the catalog holds), by the code of
    the state's main registration."""

    def __init__(self, terms: Iterable[Term]) -> None:
        codes = {term.code: term for term in terms}
        self.by_main: dict[str, FormInfo] = {}
        for code in codes:
            main = _STATE_MAIN_RE.match(code)
            if main is None:
                continue
            state = main.group(1)
            for variant in TRAINEE_VARIANTS:
                term = codes.get(f"state-{state}-{variant}")
                if term is not None:
                    self.by_main[code] = FormInfo(
                        term.code, term.name, term.kind, term.category, SYNONYM, False,
                        frozenset(), False,
                    )  # fmt: skip
                    break

    def hits(self, text: str, lowered: str, hits: list[RawHit]) -> list[RawHit]:
        """(start, end, form, matched_by, negated=None) of each trainee mention after a state
        registration whose trainee credential the text does not already name. `lowered` is
        the text in lower case (same offsets or not: it is only searched for the words)."""
        found: list[RawHit] = []
        if "trainee" not in lowered and "training" not in lowered:
            return found
        by_main = self.by_main
        mains = [(hit[1], by_main[hit[2].code]) for hit in hits if hit[2].code in by_main]
        if not mains:
            return found
        named = {hit[2].code for hit in hits}
        for end, trainee in mains:
            if trainee.code in named:
                continue
            window = text[end : end + _REACH]
            clause_end = _CLAUSE_END_RE.search(window)
            if clause_end is not None:
                window = window[: clause_end.start()]
            mention = _TRAINEE_RE.search(window)
            # "(trainees not considered)", "no trainees": the clause turns them away.
            if mention is not None and _REFUSAL_RE.search(window) is None:
                found.append((end + mention.start(), end + mention.end(), trainee, SYNONYM, None))
                named.add(trainee.code)
        return found
