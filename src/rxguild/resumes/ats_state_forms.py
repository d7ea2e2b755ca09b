"""How postings and resumes write a state's technician registration, license or permit:
"Tennessee pharmacy technician registration", "registered with the Ohio Board of Pharmacy",
"NJ registration", "Arizona technician trainee license".

Pure Python. The forms are generated for every state credential in the catalog (codes
`state-<xx>-technician`, `-certified-technician`, `-technician-trainee`, `-technician-in-training`,
`-technician-candidate`) from the jurisdiction names, so a state added to the catalog is read
in postings without another list to keep.
"""

from __future__ import annotations

from collections.abc import Iterable

from rxguild.ce.jurisdictions import JURISDICTION_NAMES

# Abbreviations that are everyday words in capitals ("LICENSE OR REGISTRATION", "IN GOOD
# STANDING", "OK TO TRAIN"): the state is then only read from its name.
_WORD_ABBREVIATIONS = frozenset({"AL", "DE", "HI", "ID", "IN", "LA", "MA", "ME", "OK", "OR"})
TRAINEE_VARIANTS = ("technician-trainee", "technician-in-training", "technician-candidate")

_MAIN_NOUNS = (
    "pharmacy technician license",
    "pharmacy technician licence",
    "pharmacy technician registration",
    "pharmacy technician permit",
    "pharmacy tech license",
    "pharmacy tech registration",
    "registered pharmacy technician",
    "licensed pharmacy technician",
    "board of pharmacy technician license",
    "board of pharmacy technician registration",
    "technician license",
    "technician registration",
    "technician permit",
    "registered technician",
    "pharmaceutical technician registration",
    "registered pharmaceutical technician",
)
_TRAINEE_NOUNS = (
    "pharmacy technician trainee",
    "pharmacy technician trainee registration",
    "pharmacy technician trainee license",
    "technician trainee",
    "technician trainee license",
    "technician trainee registration",
    "pharmacy technician in training",
    "technician in training",
    "pharmaceutical technician in training",
    "technician in training permit",
    "technician in training registration",
    "pharmacy technician candidate",
    "technician candidate",
)
_CERTIFIED_NOUNS = (
    "certified pharmacy technician",
    "certified technician",
    "certified pharmacy technician registration",
)


def _main_forms(state: str, abbreviation: str) -> list[str]:
    names = [state, f"{state} State"]
    if abbreviation not in _WORD_ABBREVIATIONS:
        names.append(abbreviation)
    board = f"{state} State Board of Pharmacy"
    forms = [f"{name} {noun}" for name in names for noun in _MAIN_NOUNS]
    # Terse postings: "Georgia license", "Texas registration", "NJ registration".
    forms += [
        f"{name} {noun}"
        for name in names
        if name != f"{state} State"
        for noun in ("registration", "license", "licence", "pharmacy license")
    ]
    forms += [
        f"registered pharmacy technician in {state}",
        f"licensed pharmacy technician in {state}",
        f"pharmacy technician registration in {state}",
        f"pharmacy technician license in {state}",
        f"{board} technician registration",
        f"{board} registration",
        f"{board} registered pharmacy technician",
        f"{state} Board of Pharmacy registered pharmacy technician",
        f"registered pharmacy technician with the {board}",
        f"registered with the {board}",
        f"registered with the {state} Board of Pharmacy",
    ]
    return forms


def _own_name_forms(name: str, state: str, abbreviation: str) -> list[str]:
    """The catalog's own name around the state: "Pharmacy Technician Permit (Oklahoma)" is also
    written "Oklahoma pharmacy technician permit", "Oklahoma technician permit", "Pharmacy
    Technician Permit (OK)"."""
    base = name.split("(")[0].strip()
    if not base or state.lower() in base.lower():
        return []
    bases = [base]
    if base.lower().startswith("pharmacy "):
        bases.append(base[len("pharmacy ") :])
    # "Pharmacy Technician II (Rhode Island)" leaves out the "License" of the catalog's name.
    head, _, last = base.rpartition(" ")
    if last.lower() in ("license", "registration", "permit", "certificate") and " " in head:
        bases.append(head)
    places = [state] if abbreviation in _WORD_ABBREVIATIONS else [state, abbreviation]
    return [form for b in bases for place in places for form in (f"{place} {b}", f"{b} {place}")]


def state_credential_forms(credentials: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """The written forms of each state credential, given the catalog's (code, name) pairs."""
    names = dict(credentials)
    forms: dict[str, list[str]] = {}
    for code, name in names.items():
        parts = code.split("-", 2)
        if len(parts) != 3 or parts[0] != "state":
            continue
        abbreviation, variant = parts[1].upper(), parts[2]
        state = JURISDICTION_NAMES.get(abbreviation)
        if state is None:
            continue
        board = f"{state} State Board of Pharmacy"
        forms[code] = _own_name_forms(name, state, abbreviation)
        if variant == "technician":
            forms[code] += _main_forms(state, abbreviation)
            # "Certified Pharmacy Technician (Colorado)" is the state's own credential when the
            # state has no separate certified one.
            if (
                "certified" in name.lower()
                and f"state-{parts[1]}-certified-technician" not in names
            ):
                forms[code] += [f"{state} {noun}" for noun in _CERTIFIED_NOUNS]
        elif variant in TRAINEE_VARIANTS:
            forms[code] += [f"{state} {noun}" for noun in _TRAINEE_NOUNS]
            forms[code] += [
                f"pharmacy technician trainee with the {board}",
                f"registered as a pharmacy technician trainee in {state}",
            ]
        elif variant == "certified-technician":
            forms[code] += [f"{state} {noun}" for noun in _CERTIFIED_NOUNS]
    return forms
