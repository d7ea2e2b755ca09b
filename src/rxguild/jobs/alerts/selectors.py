"""Reads of a member's saved searches; another member's search is a 404."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from rxguild.accounts.viewer import Viewer
from rxguild.jobs.models import SavedSearch


def _member_id(viewer: Viewer) -> int:
    if not viewer.is_authenticated or viewer.pk is None:
        raise Http404
    return int(viewer.pk)


def saved_searches_for_member(viewer: Viewer) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(member_id=_member_id(viewer)).annotate(
        sent_count=Count("sent")
    )


def saved_search_get_for_member(viewer: Viewer, saved_search_id: int) -> SavedSearch:
    try:
        return SavedSearch.objects.get(pk=saved_search_id, member_id=_member_id(viewer))
    except (SavedSearch.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
