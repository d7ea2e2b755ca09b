"""Who may see or change roadmap objects: the one place that decides.

A roadmap is private to its member: targets, steps marked done and the gap built from the
member's profile and CE transcript are never shown to anyone else (not to staff either: the
Django admin is their way in, with its own audit). Another member's target id is a plain 404,
never a 403, so nobody learns it exists. Pay reports are the member's own until a moderator
approves them; after that they are only ever read inside buckets of five or more (pay.py).
A posting can become a target only while the member may
see it (jobs' own rule: live postings, or the employer's and reviewers' own).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from rxguild.accounts.models import Role
from rxguild.accounts.viewer import Viewer
from rxguild.jobs.access import posting_get_for_viewer
from rxguild.jobs.models import JobPosting
from rxguild.profiles.access import work_experience_get_for_owner
from rxguild.profiles.models import WorkExperience
from rxguild.roadmap.models import PayReport, Target


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


def may_moderate_pay(viewer: Viewer | None) -> bool:
    """Staff and moderators review pay reports (the figures, never who sent them)."""
    if viewer is None or not viewer.is_authenticated:
        return False
    return bool(viewer.is_staff or viewer.has_role(Role.MODERATOR))


def job_get_for_pay_report(viewer: Viewer | None, job_id: int) -> WorkExperience:
    """One of the viewer's own jobs (from the profile's work history), or 404."""
    member = member_or_404(viewer)
    return work_experience_get_for_owner(member, job_id)


def pay_report_get_for_member(viewer: Viewer | None, report_id: int) -> PayReport:
    member = member_or_404(viewer)
    try:
        return PayReport.objects.get(pk=report_id, member=member)
    except (PayReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such report.") from None


def pay_report_get_for_moderator(viewer: Viewer | None, report_id: int) -> PayReport:
    if not may_moderate_pay(viewer):
        raise Http404("No such report.")
    try:
        return PayReport.objects.get(pk=report_id)
    except (PayReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such report.") from None
