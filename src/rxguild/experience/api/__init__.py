"""JSON API of the experience ledger, mounted at /api/v1/experience/ by rxguild.api.

Every endpoint needs a signed-in caller (the API default auth) and fetches through
experience.access, exactly as the pages do: another member's entry is a 404 and nothing changes.
Bad values are a 422 with a message per field, from the same service the pages call. One module
per sub-domain; this router only gathers them.
"""

from __future__ import annotations

from ninja import Router

from rxguild.experience.api import (
    competencies,
    entries,
    evaluations,
    hours,
    programs,
    verifications,
)

router = Router(tags=["experience"])
for part in (entries, verifications, hours, evaluations, competencies, programs):
    router.add_router("", part.router)
