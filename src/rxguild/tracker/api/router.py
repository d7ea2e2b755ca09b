"""The one router every tracker API module adds its endpoints to."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["jobs: tracker"])
