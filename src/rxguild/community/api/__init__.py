"""JSON API for the community capability, mounted under /api/v1/community/ by rxguild.api.

Every endpoint calls the same selectors (who may see what) and services (who may do what)
as the pages, so a private group, an invite-only event or a conversation is exactly as
hidden here as there. Service errors become 422 (bad input), 403 (not allowed, rate
limited, suspended) or 404 (not visible) through the handlers in rxguild.api.main.

One module per sub-domain, each adding its endpoints to the shared `router`; importing them
here registers them.
"""

from rxguild.community.api import (  # noqa: F401 (each module registers its endpoints)
    connections,
    discussions,
    events,
    groups,
    member_search,
    message_requests,
    messages,
    moderation,
)
from rxguild.community.api.router import router

__all__ = ["router"]
