"""What the member's and the employer's side share: an entry of an application's timeline."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class EventOut(Schema):
    kind: str
    summary: str
    created_at: datetime
