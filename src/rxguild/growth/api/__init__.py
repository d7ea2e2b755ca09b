"""JSON API of the growth capability, mounted at /api/v1/growth/ (by rxguild.api.main).

Frameworks are public reference data. Assessments need a signed-in caller and go through
`access` exactly as the pages do: another member's assessment is a 404 and nothing changes.
"""

# Importing the modules registers their endpoints on the router.
from rxguild.growth.api import feedback, frameworks, goals, recommendations  # noqa: F401
from rxguild.growth.api.router import router

__all__ = ["router"]
