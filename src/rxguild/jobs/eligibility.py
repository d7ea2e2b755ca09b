"""Met / missing credentials for a viewer: the job page, search results and the search filter.

The rule (which held credential meets which requirement) is the pure `credential_match`
engine over the sourced equivalence data; this module only fetches what the viewer holds
(one query) and dresses each requirement as a `CredentialStatus` the templates read.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

from rxguild.accounts.viewer import Viewer
from rxguild.jobs.credential_match import CredentialMatch, equivalence_table


class CredentialLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def abbreviation(self) -> str: ...
    @property
    def url(self) -> str: ...


@dataclass(frozen=True)
class CredentialStatus:
    """One required or preferred credential and how the viewer meets it (if they do)."""

    credential: CredentialLike
    match: CredentialMatch
    held_name: str = ""  # the held credential's name when it meets this one through the data

    @property
    def code(self) -> str:
        return self.credential.code

    @property
    def name(self) -> str:
        return self.credential.name

    @property
    def abbreviation(self) -> str:
        return self.credential.abbreviation

    @property
    def url(self) -> str:
        return self.credential.url

    @property
    def met(self) -> bool:
        return self.match.met

    @property
    def direct(self) -> bool:
        return self.match.direct

    @property
    def needs_confirmation(self) -> bool:
        return self.match.needs_confirmation

    @property
    def reason(self) -> str:
        """Why it counts, from the data ("PTCB: the CPhT-Adv replaces the CPhT ...")."""
        return " ".join(e.note for e in self.match.via)

    @property
    def source_url(self) -> str:
        """The first web address among the chain's sources, for a "source" link."""
        for entry in self.match.via:
            for part in entry.source.split():
                if part.startswith(("https://", "http://")):
                    return part
        return ""


def held_credential_codes(viewer: Viewer | None) -> set[str] | None:
    """Codes of the credentials on the viewer's profile; None for a visitor (unknown)."""
    if viewer is None or not viewer.is_authenticated:
        return None
    from rxguild.profiles.models import CredentialHeld

    return set(
        CredentialHeld.objects.filter(profile__user=viewer).values_list(
            "credential__code", flat=True
        )
    )


def credential_status(
    credential: CredentialLike, held: Collection[str] | None, names: Mapping[str, str]
) -> CredentialStatus:
    """`names` maps codes to catalog names, for the credential that meets this one."""
    match = equivalence_table().match(held or (), credential.code)
    held_name = names.get(match.held, match.held) if match.via else ""
    return CredentialStatus(credential=credential, match=match, held_name=held_name)


def credentials_open_to(code: str) -> frozenset[str]:
    """Credentials whose requirement a holder of `code` meets, itself included."""
    return equivalence_table().met_by(code)
