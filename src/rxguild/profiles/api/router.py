"""The one router every profiles API module adds its endpoints to."""

from ninja import Router

router = Router(tags=["profiles"])
