"""JSON API for the jobs capability, mounted under /api/v1/ by rxguild.api."""

from ninja import Router

router = Router(tags=["jobs"])

# Part B: tracker, applying, saved searches, employer applicants at /api/v1/jobs/tracker/.
from rxguild.jobs.tracking_api import router as tracking_router  # noqa: E402

router.add_router("/tracker", tracking_router)
