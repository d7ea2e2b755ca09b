"""JSON API for mentoring, mounted at /api/v1/mentoring/ by rxguild.api.main.

Every endpoint needs a signed-in caller (the API default auth) and goes through the same
access helpers and services as the pages: bad input is a 422 naming the field, nothing else
changes. One module per sub-domain; this router only gathers them.
"""

from __future__ import annotations

from ninja import Router

from rxguild.mentoring.api import (
    agreements,
    circles,
    enrolment,
    interviews,
    mentorships,
    program_setup,
    programs,
)

router = Router(tags=["mentoring"])
for part in (enrolment, mentorships, agreements, circles, interviews, programs, program_setup):
    router.add_router("", part.router)
