"""Shared permission helpers. Each app's own `*_get_for_viewer` selectors build on these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


def require_role(user: Any, role: str) -> None:
    if not user.is_authenticated or not user.has_role(role):
        raise PermissionDenied(f"This needs the {role} role.")
