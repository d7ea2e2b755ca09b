"""Held versus wanted: a credential or skill a resume names as a plan, an aim or study in
progress ("pursuing the CSPT", "looking to grow into a CSPT role", "CPhT (in progress)") is
not one the member holds. The analysis reports such mentions apart and never scores them.

Pure Python, no Django. Like negation, the reading stays inside one clause (`Clauses.bounds`):
a cue before the keyword reaches it unless a word in between says something is held ("while
working as a CPhT"); a cue right after the keyword ("in progress", "expected May 2027",
"pending") marks that keyword only.
"""

from __future__ import annotations

import re

from rxguild.resumes.ats_posting import Clauses, finditer_at

# Cues written before the credential or skill. Each names an aim, a plan, a course being
# taken or an eligibility; none of them says the thing is held.
_BEFORE_RE = re.compile(
    r"\b(?:"
    r"pursu(?:e|es|ed|ing)|in\s+pursuit\s+of|"
    r"work(?:ing|s)?\s+(?:toward|towards|on\s+(?:my|the|a|an))|"
    r"(?:looking|hoping|hope|hopes|plan|plans|planning|aim|aims|aiming|intend|intends|"
    r"intending|want|wants|would\s+like|eager|excited|expect|expects|expecting)\s+to|"
    r"grow(?:ing)?\s+into|move\s+into|advance\s+(?:into|to)|"
    r"enrolled\s+in|enrolling\s+in|registered\s+for\s+the|"
    r"(?:studying|preparing|prepping|sitting|scheduled|registered)\s+for|training\s+towards?|"
    r"scheduled\s+to\s+(?:sit|take|test)|will\s+(?:sit|test)\s+for|"
    r"eligible\s+(?:for|to)|aspir(?:e|es|ing)\s+to|aspiring|"
    r"goal(?:\s+is)?(?:\s+to|\s+of)?|"
    r"currently\s+(?:completing|taking|studying)"
    r")\b",
    re.I,
)
# The words a `_BEFORE_RE` cue starts with (lower case): the pattern is tried only where one
# of them is, not at every position of the text.
_BEFORE_STARTS = (
    "pursu", "in pursuit", "work", "looking", "hoping", "hope", "plan", "aim", "intend",
    "want", "would", "eager", "excited", "expect", "grow", "move", "advance", "enroll",
    "registered", "studying", "preparing", "prepping", "sitting", "scheduled", "training",
    "will", "eligible", "aspir", "goal", "currently",
)  # fmt: skip
# Cues written right after it ("CSPT (in progress)", "CPhT - expected 2027"); a noun such as
# "exam" or "certification" may sit in between.
_AFTER_RE = re.compile(
    r"[\s,:;()\[\]\-\u2013\u2014]*"
    r"(?:(?:certification|certificate|credential|exam|examination|program|course|"
    r"coursework|training|license|licence|registration|application)\s*[,:()\-\u2013\u2014]*\s*)?"
    r"(?:in\s+progress|pending|expected|anticipated|candidate|ongoing|underway|"
    r"not\s+yet\s+(?:held|earned|obtained|completed)|to\s+be\s+completed|"
    r"exam\s+scheduled|scheduled|applied\s+for|application\s+submitted)\b",
    re.I,
)
# Words between a cue and the keyword that turn the clause back to what is held: "pursuing
# the CSPT while working as a CPhT" holds the CPhT.
_HELD_AGAIN_RE = re.compile(
    r"\b(?:while|but|although|though|hold|holds|holding|held|have|has|had|already|since|"
    r"after|as\s+an?|currently\s+(?:a|an|work|working))\b",
    re.I,
)
# How far before the keyword a cue may stand (within its clause).
_REACH = 120
# One word every `_AFTER_RE` cue holds (lower case): a text with none of them and no cue
# before any keyword has nothing wanted in it, and no keyword is looked at.
_AFTER_WORDS = (
    "progress", "pending", "expected", "anticipated", "candidate", "ongoing", "underway",
    "not yet", "to be completed", "scheduled", "applied for", "submitted",
)  # fmt: skip


class Aspirations:
    """The aim and plan cues of one text, found once; `is_wanted` asks per keyword."""

    __slots__ = ("_cues", "_possible", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._cues: list[tuple[int, int]] | None = None
        self._possible: bool | None = None

    def possible(self) -> bool:
        """Can any keyword of this text be wanted at all? (Most resumes: no.)"""
        if self._possible is None:
            lowered = self.text.lower()
            self._possible = bool(self.cues()) or any(word in lowered for word in _AFTER_WORDS)
        return self._possible

    def cues(self) -> list[tuple[int, int]]:
        if self._cues is None:
            self._cues = [
                (m.start(), m.end()) for m in finditer_at(_BEFORE_RE, self.text, _BEFORE_STARTS)
            ]
        return self._cues

    def is_wanted(self, start: int, end: int, clauses: Clauses) -> bool:
        """Is the keyword at [start, end) named as wanted, planned or in progress?"""
        if not self.possible():
            return False
        text = self.text
        # A cue after the keyword follows it at once (only marks and one noun between), so it
        # is read up to the line's end: "CSPT: expected June 2027" has a clause break in it.
        line_end = text.find("\n", end)
        if _AFTER_RE.match(text, end, min(end + 80, len(text) if line_end == -1 else line_end)):
            return True
        left, _ = clauses.bounds(start, end)
        for cue_start, cue_end in reversed(self.cues()):
            if cue_end > start:
                continue
            if cue_start < max(left, start - _REACH):
                break
            return _HELD_AGAIN_RE.search(text, cue_end, start) is None
        return False


def is_wanted(text: str, start: int, end: int) -> bool:
    """`Aspirations(text).is_wanted` for one keyword (tests and one-off callers)."""
    return Aspirations(text).is_wanted(start, end, Clauses(text))
