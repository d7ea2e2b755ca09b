"""Who may see or change growth records: the one place that decides.

Assessments (and later feedback and goals) belong to one member. The rules:
- the owner sees and changes their own;
- staff may read a member's records only after logging a reason (`staff_access_log`), and
  never change them;
- anyone else, signed in or not, gets a plain 404: nobody learns that a record exists.
Frameworks are public reference data.

Pages, the API and templates ask here; no view fetches a growth object by id on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from rxguild.accounts.viewer import Viewer
from rxguild.community.selectors.connections import blocked_ids, is_blocked_between
from rxguild.growth.models import (
    Assessment,
    FeedbackInvite,
    FeedbackRequest,
    Framework,
    Goal,
    Milestone,
    Recommendation,
)


@dataclass(frozen=True)
class GrowthAccess:
    """What `viewer` may do with `member`'s growth records."""

    is_owner: bool
    is_staff_reader: bool

    @property
    def can_read(self) -> bool:
        return self.is_owner or self.is_staff_reader

    @property
    def can_change(self) -> bool:
        return self.is_owner


def _signed_in(viewer: Viewer | None) -> bool:
    return viewer is not None and bool(getattr(viewer, "is_authenticated", False))


def growth_access(
    viewer: Viewer | None, member: Any, *, reason_logged: bool = False
) -> GrowthAccess:
    """`reason_logged` is True only when the caller has just saved a StaffAccessLog row."""
    if not _signed_in(viewer):
        return GrowthAccess(is_owner=False, is_staff_reader=False)
    assert viewer is not None
    is_owner = viewer.pk == getattr(member, "pk", None)
    is_staff_reader = not is_owner and bool(getattr(viewer, "is_staff", False)) and reason_logged
    return GrowthAccess(is_owner=is_owner, is_staff_reader=is_staff_reader)


def may_read_as_staff(viewer: Viewer | None) -> bool:
    """Staff may ask to read (they must then log a reason); nobody else may ask."""
    return _signed_in(viewer) and bool(getattr(viewer, "is_staff", False))


def framework_get(code: str) -> Framework:
    return get_object_or_404(Framework, code=code, is_active=True)


def assessments_for_owner(viewer: Viewer | None) -> QuerySet[Assessment]:
    if viewer is None or not viewer.is_authenticated:
        return Assessment.objects.none()
    return Assessment.objects.filter(member_id=viewer.pk)


def assessment_get_for_owner(viewer: Viewer | None, assessment_id: int) -> Assessment:
    """The viewer's own assessment; another member's id is a plain 404."""
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such assessment.")
    return get_object_or_404(
        Assessment.objects.select_related("framework"), pk=assessment_id, member_id=viewer.pk
    )


def goals_for_owner(viewer: Viewer | None) -> QuerySet[Goal]:
    if viewer is None or not viewer.is_authenticated:
        return Goal.objects.none()
    return Goal.objects.filter(member_id=viewer.pk)


def goal_get_for_owner(viewer: Viewer | None, goal_id: int) -> Goal:
    """The viewer's own goal; another member's id is a plain 404."""
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such goal.")
    return get_object_or_404(
        Goal.objects.select_related("competency", "credential", "course", "saved_job"),
        pk=goal_id,
        member_id=viewer.pk,
    )


def milestone_get_for_owner(viewer: Viewer | None, milestone_id: int) -> Milestone:
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such milestone.")
    return get_object_or_404(
        Milestone.objects.select_related("goal"), pk=milestone_id, goal__member_id=viewer.pk
    )


def feedback_requests_for_owner(viewer: Viewer | None) -> QuerySet[FeedbackRequest]:
    if viewer is None or not viewer.is_authenticated:
        return FeedbackRequest.objects.none()
    return FeedbackRequest.objects.filter(member_id=viewer.pk)


def feedback_request_get_for_owner(viewer: Viewer | None, request_id: int) -> FeedbackRequest:
    """The viewer's own request; anyone else's id is a plain 404. (The people asked reach
    their invite only through its emailed link, never through this.)"""
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such request.")
    return get_object_or_404(
        FeedbackRequest.objects.select_related("framework"), pk=request_id, member_id=viewer.pk
    )


def feedback_invite_get_for_owner(
    viewer: Viewer | None, request_id: int, invite_id: int
) -> FeedbackInvite:
    """One person asked in the viewer's own request; any other pair of ids is a plain 404."""
    feedback_request = feedback_request_get_for_owner(viewer, request_id)
    return get_object_or_404(
        FeedbackInvite.objects.select_related("request"), pk=invite_id, request=feedback_request
    )


@dataclass(frozen=True)
class GoalAccess:
    goal: Goal
    can_change: bool  # only the owner; a mentor reads


def _shared_with(viewer: Viewer, goal: Goal) -> bool:
    """A goal the mentee shared, through a mentorship that is still open, with this mentor,
    and no block between them either way."""
    mentorship = goal.mentorship
    return (
        goal.shared_with_mentor
        and mentorship is not None
        and mentorship.is_open
        and mentorship.mentee_id == goal.member_id
        and mentorship.mentor_id == viewer.pk
        and not is_blocked_between(viewer, goal.member)
    )


def goal_get_for_viewer(viewer: Viewer | None, goal_id: int) -> GoalAccess:
    """The owner (read and change) or the mentor it is shared with (read); else 404."""
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such goal.")
    goal = get_object_or_404(
        Goal.objects.select_related(
            "member", "competency", "credential", "course", "saved_job", "mentorship"
        ),
        pk=goal_id,
    )
    if goal.member_id == viewer.pk:
        return GoalAccess(goal=goal, can_change=True)
    if _shared_with(viewer, goal):
        return GoalAccess(goal=goal, can_change=False)
    raise Http404("No such goal.")


def goals_shared_with(viewer: Viewer | None) -> list[Goal]:
    """Goals mentees shared with the viewer as their mentor (open mentorships, no blocks)."""
    if viewer is None or not viewer.is_authenticated:
        return []
    goals = Goal.objects.filter(
        shared_with_mentor=True,
        mentorship__mentor_id=viewer.pk,
        mentorship__status__in=["active", "paused"],
    ).select_related("member", "mentorship", "competency")
    return [g for g in goals if _shared_with(viewer, g)]


def recommendation_get_for_receiver(
    viewer: Viewer | None, recommendation_id: int
) -> Recommendation:
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such recommendation.")
    return get_object_or_404(Recommendation, pk=recommendation_id, receiver_id=viewer.pk)


def recommendation_get_for_author(viewer: Viewer | None, recommendation_id: int) -> Recommendation:
    if viewer is None or not viewer.is_authenticated:
        raise Http404("No such recommendation.")
    return get_object_or_404(Recommendation, pk=recommendation_id, author_id=viewer.pk)


def recommendations_for_profile(viewer: Viewer | None, profile_user: Any) -> list[Recommendation]:
    """Approved recommendations shown on a profile the viewer may already see (the caller
    went through profiles.access): authors who left, or who are blocked with the viewer either
    way, are left out. One query, and one more for the viewer's blocks when there is any."""
    approved = list(
        Recommendation.objects.filter(
            receiver=profile_user, status=Recommendation.Status.APPROVED, author__is_active=True
        ).select_related("author")[:20]
    )
    if not approved or viewer is None or not viewer.is_authenticated:
        return approved
    hidden = blocked_ids(viewer)
    return [r for r in approved if r.author_id not in hidden]
