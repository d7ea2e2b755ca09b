"""JSON API for the experience capability, mounted under /api/v1/ by rxguild.api."""

from ninja import Router

router = Router(tags=["experience"])
