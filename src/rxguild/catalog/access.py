"""Who may see what in the catalog.

The reference pages are public. Only staff see the fact-freshness review, because it exists to
plan re-checks (it lists unconfirmed facts side by side with their sources) and is not member
guidance.
"""

from __future__ import annotations

from rxguild.accounts.viewer import Viewer


def may_review_facts(viewer: Viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_staff", False))
