"""JSON API for the profiles capability, mounted under /api/v1/profiles/ by rxguild.api.

`/me...` endpoints act on the caller's own profile only. `/{handle}` shows another member's
profile through the same selector as the public page (anonymous callers allowed); it is
registered last so that it never shadows `/me`.
"""

from rxguild.profiles.api import items, own, public  # noqa: F401  (they register endpoints)
from rxguild.profiles.api.router import router

__all__ = ["router"]
