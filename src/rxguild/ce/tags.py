"""CE tags in words: the one place that turns a tag code into what members read.

Pure (no Django): the engine's reasons, the pages, the e-mails, the PDF and the calendar feed all
call `tag_label`, so a member reads "Texas law", never ``state_law:tx``. Tags stay codes in the
data, the CSV and the API (machine formats); `tag_from_text` reads either form back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rxguild.core.us_states import US_STATES

STATE_LAW_PREFIX = "state_law:"
_STATE_LAW = re.compile(r"state_law:([a-z]{2})")

TAG_LABELS: dict[str, str] = {
    "pharmacy_law": "Pharmacy law",
    "patient_safety": "Patient safety",
    "medication_errors": "Medication errors",
    "human_trafficking": "Human trafficking",
    "pain_symptom_management": "Pain and symptom management",
    "implicit_bias": "Implicit bias",
    "cultural_competency": "Cultural competency",
    "lgbtq_cultural_competency": "LGBTQ cultural competency",
    "health_equity": "Health equity",
    "child_abuse_recognition": "Child abuse recognition",
    "sterile_compounding": "Sterile compounding",
    "immunization": "Immunization",
    "ethics": "Ethics",
    "opioids": "Opioids",
}


def tag_label(tag: str) -> str:
    """ "state_law:tx" -> "Texas law"; "pharmacy_law" -> "Pharmacy law"."""
    if match := _STATE_LAW.fullmatch(tag):
        state = US_STATES.get(match.group(1).upper())
        return f"{state} law" if state else f"{match.group(1).upper()} law"
    if tag in TAG_LABELS:
        return TAG_LABELS[tag]
    # A tag added to the vocabulary without a label still reads as words.
    return tag.replace("_", " ").replace(":", " ").strip().capitalize()


def tag_labels(tags: Iterable[str]) -> list[str]:
    return [tag_label(tag) for tag in tags]


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


_BY_WORDS: dict[str, str] = {_fold(label): code for code, label in TAG_LABELS.items()}
_STATE_BY_NAME: dict[str, str] = {_fold(name): code.lower() for code, name in US_STATES.items()}


def tag_from_text(text: str) -> str | None:
    """The tag code a member or a file wrote, as a code or in words; None if unknown.

    Accepts "state_law:tx", "state law tx", "Texas law", "TX law", "pharmacy_law",
    "Pharmacy law". Whether the code is in the vocabulary is the caller's check.
    """
    folded = _fold(text)
    if not folded:
        return None
    if folded in _BY_WORDS:
        return _BY_WORDS[folded]
    if match := re.fullmatch(r"state law ?:? ?([a-z]{2})", folded):
        return STATE_LAW_PREFIX + match.group(1)
    if folded.endswith(" law"):
        place = folded[: -len(" law")].strip()
        if place in _STATE_BY_NAME:
            return STATE_LAW_PREFIX + _STATE_BY_NAME[place]
        if len(place) == 2 and place.upper() in US_STATES:
            return STATE_LAW_PREFIX + place
    return folded.replace(" ", "_")
