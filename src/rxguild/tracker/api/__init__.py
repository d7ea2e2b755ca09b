"""JSON API of the tracker, applying and the employer pipeline, mounted at
/api/v1/jobs/tracker/ (by rxguild.api.main).

Every endpoint needs a signed-in caller (the API default auth) and fetches through the
tracker's `access` helpers, exactly as the pages do: another member's or another employer's
objects are a 404, and nothing changes.

One module per side (`member`, `interviews`, `employer`), each adding its endpoints to the
shared `router`; importing them here registers them.
"""

from rxguild.tracker.api import (  # noqa: F401 (each module registers its endpoints)
    employer,
    interviews,
    member,
)
from rxguild.tracker.api.router import router

__all__ = ["router"]
