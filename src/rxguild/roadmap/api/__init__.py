"""JSON API for the career roadmap, mounted at /api/v1/roadmap/ by rxguild.api.main.

Public (auth=None): the requirements data itself (targets, requirements, fees, each with its
source, date checked and confidence). Signed-in: the caller's own targets with their gaps,
adding and removing targets, marking steps done. Nobody else's roadmap is reachable: another
member's target id is a 404.

One module per sub-domain (targets and their gaps, pay); this router only gathers them.
"""

from __future__ import annotations

from ninja import Router

from rxguild.roadmap.api import pay, targets

router = Router(tags=["roadmap"])
for part in (targets, pay):
    router.add_router("", part.router)
