"""The moderator queue and the audit log, limited to what each moderator moderates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from rxguild.accounts.models import User
from rxguild.accounts.viewer import Viewer
from rxguild.community.models import Membership, ModerationAction, Report
from rxguild.community.services.common import is_site_moderator


def moderated_group_ids(user: User) -> QuerySet[Membership, Any]:
    return Membership.objects.filter(
        user=user,
        status=Membership.Status.ACTIVE,
        role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
    ).values("group_id")


def can_moderate_anything(user: Viewer) -> bool:
    if not user.is_authenticated:
        return False
    return is_site_moderator(user) or moderated_group_ids(user).exists()


def report_queue(user: Viewer) -> QuerySet[Report]:
    if not user.is_authenticated or not can_moderate_anything(user):
        raise PermissionDenied("Only moderators see the report queue.")
    # Everything the queue names for each report: who reported, and the reported post's
    # author or message's sender with their profiles.
    reports = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter__profile",
        "member__profile",
        "post__group",
        "post__author__profile",
        "message__sender__profile",
    )
    if not is_site_moderator(user):
        reports = reports.filter(post__group_id__in=moderated_group_ids(user))
    return reports.order_by("created_at")


def audit_log(user: Viewer) -> QuerySet[ModerationAction]:
    if not user.is_authenticated or not can_moderate_anything(user):
        raise PermissionDenied("Only moderators see the audit log.")
    actions = ModerationAction.objects.select_related(
        "moderator__profile", "member__profile", "post", "report"
    )
    if not is_site_moderator(user):
        actions = actions.filter(post__group_id__in=moderated_group_ids(user))
    return actions.order_by("-created_at")[:200]
