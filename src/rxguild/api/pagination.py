"""The API's one pagination: limit and offset, both bounded.

An unbounded offset reaches the database as OFFSET and fails there (SQLite refuses integers
beyond 64 bits with "datatype mismatch"); a bound far past any real page is a clear 422.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000  # the catalog holds a few thousand rows


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="Page size, 1 to 500.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"0 to {MAX_OFFSET:,}.")
