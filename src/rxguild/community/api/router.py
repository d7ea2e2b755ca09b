"""The one router every community API module adds its endpoints to."""

from ninja import Router

router = Router(tags=["community"])
