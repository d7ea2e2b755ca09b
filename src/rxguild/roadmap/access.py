"""Who may see or change roadmap objects: the one place that decides.

A roadmap is private to its member: targets, steps marked done and the gap built from the
member's profile and CE transcript are never shown to anyone else (not to staff either: the
Django admin is their way in, with its own audit). Another member's target id is a plain 404,
never a 403, so nobody learns it exists. A posting can become a target only while the member may
see it (jobs' own rule: live postings, or the employer's and reviewers' own).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from rxguild.accounts.viewer import Viewer
from rxguild.jobs.access import posting_get_for_viewer
from rxguild.jobs.models import JobPosting
from rxguild.roadmap.models import Target


def member_or_404(viewer: Viewer | None) -> Any:
    if viewer is None or not viewer.is_authenticated:
        raise Http404
    return viewer


def target_get_for_member(viewer: Viewer | None, target_id: int) -> Target:
    """The viewer's own target, or 404."""
    member = member_or_404(viewer)
    try:
        return Target.objects.select_related("posting__employer", "posting__practice_setting").get(
            pk=target_id, member=member
        )
    except (Target.DoesNotExist, ValueError, TypeError):
        raise Http404("No such target.") from None


def posting_get_for_target(viewer: Viewer | None, public_id: Any) -> JobPosting:
    """A posting the viewer may see and so may aim at; 404 otherwise."""
    member_or_404(viewer)
    return posting_get_for_viewer(viewer, public_id)
