"""Targets of kind "registration": another state's technician credential.

Pure Python (no Django import). Every state credential in the jurisdiction data
(``data/ce/jurisdictions/<xx>.toml``: board, page, what the credential is, each with source,
date checked and confidence) becomes a target. What a board asks before it registers someone
comes from ``data/roadmap/registrations.toml``, written only from RxGuild reference §6 for the
states researched there; every other state credential is a target whose requirements are
unknown, and says so, with the board's page to ask. Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from rxguild.ce.jurisdictions import JURISDICTION_NAMES, Jurisdiction, JurisdictionCredential
from rxguild.roadmap.requirement_types import Target

# A trainee permit is a first step, not a registration to move with; "none" regulates nobody.
TARGET_CREDENTIAL_KINDS = frozenset({"registration", "license", "certification", "permit"})


def _known_facts(jurisdiction: Jurisdiction, credential: JurisdictionCredential) -> str:
    notes = " ".join(jurisdiction.notes)
    disagree = f" Our sources disagree: {notes}" if jurisdiction.sources_disagree else ""
    return f"What RxGuild knows of it: {credential.summary}{disagree}"


def _unknown_target(jurisdiction: Jurisdiction, credential: JurisdictionCredential) -> Target:
    state = JURISDICTION_NAMES.get(jurisdiction.code, jurisdiction.code)
    board = jurisdiction.board
    return Target(
        code=credential.code,
        kind="registration",
        name=credential.name,
        credential=credential.code,
        state=jurisdiction.code,
        board=board.name,
        url=board.url,
        source=credential.source,
        checked=credential.checked,
        # The credential's existence is sourced; what it takes to get it is not known to us.
        confidence="unverified",
        note=(
            f"RxGuild's reference does not say what {state} asks for before it issues this "
            f"credential, so this target has no requirements to check: ask the "
            f"{board.name}. {_known_facts(jurisdiction, credential)}"
        ),
    )


def _with_board(
    target: Target, jurisdiction: Jurisdiction, credential: JurisdictionCredential
) -> Target:
    """A researched target with its board; where the sources disagree, the note says how."""
    note = target.note
    if jurisdiction.sources_disagree:
        note = f"{note} Our sources disagree: {' '.join(jurisdiction.notes)}".strip()
    return replace(
        target,
        name=target.name or credential.name,
        board=target.board or jurisdiction.board.name,
        url=target.url or jurisdiction.board.url,
        note=note,
        # Conflicting sources make the whole target one to confirm with the board.
        confidence="low" if jurisdiction.sources_disagree else target.confidence,
    )


def registration_targets(
    jurisdictions: Mapping[str, Jurisdiction], researched: Mapping[str, Target]
) -> dict[str, Target]:
    """One target per state credential, keyed by its credential code: the researched target
    from the data where there is one, else a target that says its requirements are unknown."""
    targets: dict[str, Target] = {}
    for code in sorted(jurisdictions):
        jurisdiction = jurisdictions[code]
        for credential in jurisdiction.credentials:
            if credential.kind not in TARGET_CREDENTIAL_KINDS:
                continue
            found = researched.get(credential.code)
            targets[credential.code] = (
                _with_board(found, jurisdiction, credential)
                if found is not None
                else _unknown_target(jurisdiction, credential)
            )
    return targets
