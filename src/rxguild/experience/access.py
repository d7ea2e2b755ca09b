"""Who may see or change experience rows: the one place that decides.

Pages, the API and (later) the public profile ask here. The rules:

- A member sees and changes only their own entries. Anyone else's entry id is a plain 404,
  never a 403, so nobody learns that it exists; nothing changes.
- Signed-out visitors and other members never see an entry directly; they see only the
  verified summary the profile shows, through the profile's own access rules.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.experience.models import ExperienceEntry


def entries_visible_to_owner(viewer: Viewer) -> QuerySet[ExperienceEntry]:
    """The viewer's own entries (empty for a signed-out viewer)."""
    if not isinstance(viewer, User):
        return ExperienceEntry.objects.none()
    return ExperienceEntry.objects.filter(member=viewer)


def entry_get_for_owner(viewer: Viewer | None, entry_id: int) -> ExperienceEntry:
    """The viewer's entry `entry_id`, or Http404 (someone else's, missing, or signed out)."""
    if viewer is None or not isinstance(viewer, User):
        raise Http404("No such entry.")
    try:
        return (
            ExperienceEntry.objects.select_related("setting")
            .prefetch_related("duties")
            .get(pk=entry_id, member=viewer)
        )
    except (ExperienceEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such entry.") from None
