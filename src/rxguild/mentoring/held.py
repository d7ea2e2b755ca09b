"""What a mentor holds, as a mentee sees it on the directory, the mentor card and the API:
each credential by name, marked verified where the wallet says so (a document staff checked,
or a signed badge that verified; `records` reads the wallet's marks through its selectors).
Shown only where the mentor's profile shows its credentials to members (profiles.access);
otherwise the card lists none. No query: everything comes from the engine's records."""

from __future__ import annotations

from dataclasses import dataclass

from rxguild.mentoring import matching
from rxguild.profiles.access import ViewerKind, audiences_for
from rxguild.profiles.models import Profile

# A mentee is a signed-in member: they see what the profile shows to members.
MEMBER_AUDIENCES = audiences_for(ViewerKind.MEMBER, is_public=True)


@dataclass(frozen=True)
class CredentialShown:
    code: str
    name: str
    verified: bool


def credentials_shown(
    mentor: matching.Mentor, profile: Profile | None, labels: matching.Labels
) -> list[CredentialShown]:
    if profile is None or profile.credentials_audience not in MEMBER_AUDIENCES:
        return []
    shown = [
        CredentialShown(
            code=code,
            name=labels.credentials.get(code, code),
            verified=code in mentor.verified_credentials,
        )
        for code in mentor.credentials
    ]
    # Verified first, then by name, so the strongest evidence reads first.
    return sorted(shown, key=lambda c: (not c.verified, c.name))
