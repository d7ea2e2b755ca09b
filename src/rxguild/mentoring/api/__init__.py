"""JSON API for mentoring, mounted at /api/v1/mentoring/ by rxguild.api.main.

Every endpoint needs a signed-in caller (the API default auth) and goes through the same
access helpers and services as the pages: bad input is a 422 naming the field, nothing else
changes. One module per sub-domain; this router only gathers them.
"""

from __future__ import annotations

from ninja import Router

from rxguild.mentoring.api import (
    agreements,
    circle_invitations,
    circles,
    enrolment,
    interviews,
    mentorships,
    program_setup,
    programs,
)

router = Router(tags=["mentoring"])
# circle_invitations before circles: its /circles/invitations and /circles/{id}/invitations
# would otherwise be taken by circles' /circles/{id} and /circles/{id}/{action}.
for part in (
    enrolment,
    mentorships,
    agreements,
    circle_invitations,
    circles,
    interviews,
    programs,
    program_setup,
):
    router.add_router("", part.router)
